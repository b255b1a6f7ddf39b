using Palisade.Components.Diagnostics;

namespace Palisade.Infra.Manifests;

/// <summary>
/// Defects the API server would reject but the connectivity analysis can do without (an owner reference without a
/// kind, a container port without a number, a controller without a pod template): by default a warning naming file
/// and key, and the analysis goes on; in strict mode the same error as any other bad input. Malformed policy semantics
/// are always errors and never come here.
/// </summary>
internal sealed class ManifestDefects(bool strict)
{
    public List<string> Warnings { get; } = [];

    /// <summary>Throws <paramref name="defect"/> when strict; otherwise records it with what the analysis does instead.</summary>
    /// <exception cref="InputError">Strict mode.</exception>
    public void Report(InputError defect, string instead)
    {
        if (strict)
        {
            throw defect;
        }

        Warnings.Add($"{defect.Location}: {defect.Problem}; {instead}. {defect.Fix}, or pass --strict to treat this as an error");
    }
}
