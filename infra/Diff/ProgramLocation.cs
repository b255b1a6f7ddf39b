using Palisade.Infra.Input;

namespace Palisade.Infra.Diff;

/// <summary>
/// Where a source tree keeps the program that synthesizes its stacks, as a project file relative to the tree: the
/// <c>program</c> of its palisade.json, or for trees without one <c>cli/</c> (or <c>infra/</c> in revisions made
/// before the command line moved out of the synthesis library).
/// </summary>
internal static class ProgramLocation
{
    /// <summary>What a tree without a program is told to have.</summary>
    public const string Expected = ProjectSettings.Expected;

    /// <returns>The program's project file relative to <paramref name="tree"/>; null when the tree has none.</returns>
    /// <exception cref="Palisade.Components.Diagnostics.InputError">The tree's palisade.json is malformed or names a missing program.</exception>
    public static string? Find(string tree) => ProjectSettings.Find(tree)?.Program;
}
