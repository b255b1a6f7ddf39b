using Palisade.Infra.Checks;
using Palisade.Infra.Emit;
using Palisade.Stacks.Composition;
using Palisade.Stacks.Config;

namespace Palisade.Infra.Synthesis;

/// <summary>Config in, program + manifests + checks out. No I/O.</summary>
public static class Synthesizer
{
    public static SynthesisResult Synthesize(StackConfig config)
    {
        var stack = StackComposer.Compose(config);
        var description = Description(config.Stack);
        var program = ProgramEmitter.Emit(stack.Graph, description);

        var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [SynthesisResult.ProgramFile] = program,
            ["Pulumi.yaml"] = ProjectFileEmitter.Emit(stack.Graph.Project, description),
            ["analysis/workloads.yaml"] = WorkloadRenderer.Render(
                stack.AppWorkloads.Concat(stack.PlatformWorkloads), Images(stack)),
        };
        foreach (var (path, text) in ManifestRenderer.Render(stack.Graph))
        {
            files[path] = text;
        }

        return new SynthesisResult(stack, program, files, PolicyChecks.Run(stack));
    }

    public static string Description(string stack) =>
        $"Zero-trust platform, stack {stack}. Synthesized by palisade; edit the C# sources and Pulumi.{stack}.yaml, not this file.";

    private static IReadOnlyDictionary<string, string> Images(SynthesizedStack stack) =>
        stack.Apps.SelectMany(a => a.App.Tiers.Select(t => (Id: $"{t.Namespace}/{t.Name}[{t.WorkloadKind}]", t.Image)))
            .Where(x => x.Image is not null)
            .ToDictionary(x => x.Id, x => x.Image!, StringComparer.Ordinal);
}
