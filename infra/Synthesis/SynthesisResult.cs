using Palisade.Components.Connectivity;
using Palisade.Infra.Checks;
using Palisade.Stacks.Composition;

namespace Palisade.Infra.Synthesis;

/// <summary>A synthesized stack with its rendered files (relative path to text) and the checks that ran on it.</summary>
public sealed record SynthesisResult(
    SynthesizedStack Stack,
    string Program,
    IReadOnlyDictionary<string, string> Files,
    ConnectivityResult Connectivity,
    DeclaredConnectivity Declared,
    IReadOnlyList<CheckResult> Checks)
{
    public const string ProgramFile = "Main.yaml";

    public bool Passed => Checks.All(c => c.Passed);
}
