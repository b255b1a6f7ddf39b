using Palisade.Components.Connectivity;
using Palisade.Infra.Checks;
using Palisade.Infra.Emit;
using Palisade.Infra.Manifests;
using Palisade.Infra.Promotion;
using Palisade.Infra.Reports.Connectivity;
using Palisade.Stacks.Composition;
using Palisade.Stacks.Config;

namespace Palisade.Infra.Synthesis;

/// <summary>
/// Config in; program, manifests, connectivity analysis and checks out. No I/O. The analysis reads the manifests as
/// rendered (text), not the in-memory model, so what is proved is exactly what would be applied.
/// </summary>
public static class Synthesizer
{
    public const string WorkloadsFile = "analysis/workloads.yaml";

    public static SynthesisResult Synthesize(StackConfig config)
    {
        var stack = StackComposer.Compose(config);
        var description = Description(config.Stack);
        var program = ProgramEmitter.Emit(stack.Graph, description);

        var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [SynthesisResult.ProgramFile] = program,
            ["Pulumi.yaml"] = ProjectFileEmitter.Emit(stack.Graph.Project, description),
            [WorkloadsFile] = WorkloadRenderer.Render(stack.AppWorkloads.Concat(stack.PlatformWorkloads), Images(stack)),
        };
        foreach (var (path, text) in ManifestRenderer.Render(stack.Graph))
        {
            files[path] = text;
        }

        var connectivity = AnalyzeRendered(files, stack.Platform.Cloud.Dataplane);
        var declared = DeclaredConnectivity.For(stack);
        files["analysis/connectivity.json"] = ConnectivityReports.Render(connectivity, ConnectivityReports.Json);
        files["analysis/connectivity.md"] = ConnectivityReports.Render(connectivity, ConnectivityReports.Markdown);
        files["analysis/connectivity.mmd"] = ConnectivityReports.Render(connectivity, ConnectivityReports.Mermaid);

        files[EnvironmentIndependentPart.File] = EnvironmentIndependentPart.Render(EnvironmentIndependentPart.Build(stack));
        files[EnvironmentSpecificPart.File] = EnvironmentIndependentPart.Render(EnvironmentSpecificPart.Build(stack));

        var checks = PolicyChecks.Run(stack).Concat(ConnectivityChecks.Run(connectivity, declared))
            .Append(ServicePortChecks.Run(files, connectivity.Workloads)).ToList();
        files[ChecksJsonRenderer.File] = ChecksJsonRenderer.Render(checks);
        return new SynthesisResult(stack, program, files, connectivity, declared, checks);
    }

    /// <summary>The connectivity the rendered manifests and declared workloads allow, under the cluster's dataplane.</summary>
    public static ConnectivityResult AnalyzeRendered(IReadOnlyDictionary<string, string> files, EnforcementProfile? dataplane = null) =>
        ConnectivityAnalyzer.Analyze(ManifestDirectoryReader.Parse(files
                .Where(f => f.Key.StartsWith("manifests/", StringComparison.Ordinal) || f.Key == WorkloadsFile)
                .Select(f => new ManifestFile(f.Key, f.Value)), strict: true)
            .Cluster, dataplane ?? EnforcementProfile.Upstream);

    public static string Description(string stack) =>
        $"Zero-trust platform, stack {stack}. Synthesized by palisade; edit the C# sources and Pulumi.{stack}.yaml, not this file.";

    private static IReadOnlyDictionary<string, string> Images(SynthesizedStack stack) =>
        stack.Apps.SelectMany(a => a.App.Tiers.Select(t => (Id: $"{t.Namespace}/{t.Name}[{t.WorkloadKind}]", t.Image)))
            .Where(x => x.Image is not null)
            .ToDictionary(x => x.Id, x => x.Image!, StringComparer.Ordinal);
}
