namespace Palisade.Tests.Reliability;

/// <summary>Every file under a folder with its bytes, so a test can say "exactly this output, nothing more or less".</summary>
public sealed record OutputSnapshot(IReadOnlyDictionary<string, byte[]> Files)
{
    public static OutputSnapshot Of(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal));

    public bool SameAs(OutputSnapshot other) =>
        Files.Count == other.Files.Count && Files.All(f => other.Files.TryGetValue(f.Key, out var bytes) && bytes.AsSpan().SequenceEqual(f.Value));

    /// <summary>Leftover staging/trash folders beside an output folder.</summary>
    public static IReadOnlyList<string> Leftovers(string target) =>
        Directory.EnumerateDirectories(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.*")
            .Where(d => Path.GetFileName(d).Contains(".staging-", StringComparison.Ordinal) || Path.GetFileName(d).Contains(".trash-", StringComparison.Ordinal))
            .ToList();
}
