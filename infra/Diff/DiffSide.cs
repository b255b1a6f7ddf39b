namespace Palisade.Infra.Diff;

/// <summary>
/// One side of a diff: a stack's synthesized output folder (relative path to text) and how to name it. A side with
/// no files (the stack does not exist there, or could not be synthesized) carries a note that says why.
/// </summary>
internal sealed record DiffSide(string Stack, string Label, IReadOnlyDictionary<string, string> Files, string? Note = null)
{
    public const string ProgramFile = "Main.yaml";
    public const string ConnectivityFile = "analysis/connectivity.json";
    public const string ChecksFile = "analysis/checks.json";

    public bool Exists => Files.Count > 0;

    public string? File(string path) => Files.GetValueOrDefault(path);

    public static DiffSide Missing(string stack, string label, string note) =>
        new(stack, label, new Dictionary<string, string>(), note);

    /// <summary>Reads a synthesized output folder (as written by <c>synth --out</c>).</summary>
    public static DiffSide FromFolder(string stack, string label, string folder) =>
        new(stack, label, Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(
                f => Path.GetRelativePath(folder, f).Replace('\\', '/'),
                System.IO.File.ReadAllText,
                StringComparer.Ordinal));
}
