using Palisade.Components.Connectivity;
using Palisade.Infra.Checks;
using Palisade.Stacks.Composition;

namespace Palisade.Infra.Synthesis;

/// <summary>A synthesized stack: the Pulumi YAML program, every file written with it, the proven connectivity and the checks.</summary>
public sealed record SynthesisResult
{
    public const string ProgramFile = "Main.yaml";

    internal SynthesisResult(SynthesizedStack stack, string program, IReadOnlyDictionary<string, string> files,
        ConnectivityResult connectivity, DeclaredConnectivity declared, IReadOnlyList<CheckResult> checks)
    {
        Stack = stack;
        Program = program;
        Files = files;
        Connectivity = connectivity;
        Declared = declared;
        Checks = checks;
    }

    internal SynthesizedStack Stack { get; }

    /// <summary>The Pulumi YAML program, the text of <see cref="ProgramFile"/>.</summary>
    public string Program { get; }

    /// <summary>Every synthesized file by its path relative to the output folder (Main.yaml, manifests/, analysis/).</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>What the rendered NetworkPolicies allow, computed from the manifests themselves.</summary>
    public ConnectivityResult Connectivity { get; }

    internal DeclaredConnectivity Declared { get; }

    public IReadOnlyList<CheckResult> Checks { get; internal init; }

    public bool Passed => Checks.All(c => c.Passed);
}
