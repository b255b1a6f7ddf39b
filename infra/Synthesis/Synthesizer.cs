using Palisade.Components.Connectivity;
using Palisade.Components.ZeroTrust;
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

    public static SynthesisResult Synthesize(StackConfig config, AppCatalog apps)
    {
        var stack = StackComposer.Compose(config, apps);
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

        var connectivity = AnalyzeRendered(files, stack.Platform.Cloud.Dataplane, strict: stack.Platform.Cloud.StrictEnforcement is not null);
        var declared = DeclaredConnectivity.For(stack);
        files["analysis/connectivity.json"] = ConnectivityReports.Render(connectivity, ConnectivityReports.Json);
        files["analysis/connectivity.md"] = ConnectivityReports.Render(connectivity, ConnectivityReports.Markdown);
        files["analysis/connectivity.mmd"] = ConnectivityMermaidRenderer.Render(connectivity, Focus(declared));

        files[EnvironmentIndependentPart.File] = EnvironmentIndependentPart.Render(EnvironmentIndependentPart.Build(stack));
        files[EnvironmentSpecificPart.File] = EnvironmentIndependentPart.Render(EnvironmentSpecificPart.Build(stack));

        var checks = PolicyChecks.Run(stack).Concat(ConnectivityChecks.Run(connectivity, declared))
            .Concat(PlatformWorkloadChecks.Run(stack, connectivity))
            .Append(ServicePortChecks.Run(files, connectivity.Workloads))
            .Concat(EdgeChecks.Run(stack, files, connectivity, declared))
            .Append(NodeReachChecks.Run(stack, connectivity, declared))
            .Concat(GuardrailChecks.Run(stack, files, declared, attacked => AnalyzeRendered(attacked, stack.Platform.Cloud.Dataplane))).ToList();
        files[ChecksJsonRenderer.File] = ChecksJsonRenderer.Render(checks);
        return new SynthesisResult(stack, program, files, connectivity, declared, checks);
    }

    /// <summary>
    /// The connectivity the rendered manifests and declared workloads allow, under the cluster's dataplane, with the
    /// platform endpoints pods reach by address (node-local DNS, metadata, Pod Identity) as named peers. A strict
    /// dataplane starts every pod deny-all, which is the same as a deny-all policy over every namespace: the analysis
    /// adds one (it is the dataplane's, not written to the manifests).
    /// </summary>
    public static ConnectivityResult AnalyzeRendered(IReadOnlyDictionary<string, string> files, EnforcementProfile? dataplane = null, bool strict = false) =>
        ConnectivityAnalyzer.Analyze(RenderedCluster(files, strict), Analysed(dataplane));

    /// <summary>The cluster the rendered manifests and declared workloads describe, as <see cref="AnalyzeRendered"/> reads it.</summary>
    internal static Palisade.Components.Kubernetes.ClusterModel RenderedCluster(IReadOnlyDictionary<string, string> files, bool strict)
    {
        var cluster = ManifestDirectoryReader.Parse(files
                .Where(f => f.Key.StartsWith("manifests/", StringComparison.Ordinal) || f.Key == WorkloadsFile)
                .Select(f => new ManifestFile(f.Key, f.Value)), strict: true)
            .Cluster;
        if (!strict)
        {
            return cluster;
        }

        return cluster with
        {
            Policies =
            [
                .. cluster.Policies,
                .. cluster.Workloads.Select(w => w.Namespace).Distinct().Order(StringComparer.Ordinal)
                    .Select(ns => new Palisade.Components.Kubernetes.NetworkPolicy("strict-mode-isolation", ns,
                        Palisade.Components.Kubernetes.LabelSelector.Everything,
                        [Palisade.Components.Kubernetes.PolicyType.Ingress, Palisade.Components.Kubernetes.PolicyType.Egress])),
            ],
        };
    }

    /// <summary>The dataplane a stack is analysed under: its own, with the platform endpoints as named peers.</summary>
    internal static EnforcementProfile Analysed(EnforcementProfile? dataplane) =>
        (dataplane ?? EnforcementProfile.Upstream) with { Named = PlatformEndpoints.Ranges };

    /// <summary>The stack's focused graph: its app workloads, their peers, DNS folded into one note.</summary>
    private static MermaidFocus Focus(DeclaredConnectivity declared)
    {
        var addresses = declared.Resolver.Addresses.Select(a => System.Net.IPNetwork.Parse(a).BaseAddress).ToList();
        return new MermaidFocus(declared.AppWorkloads, peer => peer switch
        {
            WorkloadPeer w => declared.DnsWorkloads.Contains(w.Id),
            ExternalPeer e => addresses.Any(e.Contains),
            _ => false,
        });
    }

    public static string Description(string stack) =>
        $"Zero-trust platform, stack {stack}. Synthesized by palisade; edit the C# sources and Pulumi.{stack}.yaml, not this file.";

    private static IReadOnlyDictionary<string, string> Images(SynthesizedStack stack) =>
        stack.Apps.SelectMany(a => a.App.Tiers.Select(t => (Id: $"{t.Namespace}/{t.Name}[{t.WorkloadKind}]", t.Image)))
            .Where(x => x.Image is not null)
            .ToDictionary(x => x.Id, x => x.Image!, StringComparer.Ordinal);
}
