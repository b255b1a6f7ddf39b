namespace Palisade.Infra.Diff;

/// <summary>
/// Where a source tree keeps the program that synthesizes its stacks, as a project folder relative to the tree:
/// <c>cli/</c>, or <c>infra/</c> in revisions made before the command line moved out of the synthesis library.
/// </summary>
internal static class ProgramLocation
{
    private static readonly (string Folder, string Project)[] Layouts =
    [
        ("cli", "Palisade.Cli.csproj"),
        ("infra", "Palisade.Infra.csproj"),
    ];

    /// <summary>What a tree without a program is told to have.</summary>
    public const string Expected = "cli/Palisade.Cli.csproj";

    public static string? Find(string tree) =>
        Layouts.FirstOrDefault(l => File.Exists(Path.Combine(tree, l.Folder, l.Project))).Folder;
}
