namespace Palisade.Tests.Support;

/// <summary>
/// Golden files under tests/Palisade.Tests/Golden. Set UPDATE_GOLDEN=1 to rewrite them from the current output
/// (then review the diff with git).
/// </summary>
public static class Golden
{
    public static string Folder => Path.Combine(RepoPaths.TestProject, "Golden");

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static void AssertMatches(string relativePath, string actual)
    {
        var path = Path.Combine(Folder, relativePath);
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing; run the tests with UPDATE_GOLDEN=1 to create it.");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            var expectedLines = expected.Split('\n');
            var actualLines = actual.Split('\n');
            var line = Enumerable.Range(0, Math.Min(expectedLines.Length, actualLines.Length))
                .FirstOrDefault(i => expectedLines[i] != actualLines[i], Math.Min(expectedLines.Length, actualLines.Length));
            Assert.Fail($"{relativePath} differs from the golden file at line {line + 1}:\n" +
                        $"  expected: {(line < expectedLines.Length ? expectedLines[line] : "<end of file>")}\n" +
                        $"  actual:   {(line < actualLines.Length ? actualLines[line] : "<end of file>")}\n" +
                        "Run the tests with UPDATE_GOLDEN=1 if the change is intended, and review the diff.");
        }
    }

    /// <summary>Golden files that exist under a folder but that the output no longer produces.</summary>
    public static IEnumerable<string> Stale(string relativeFolder, IEnumerable<string> produced)
    {
        var folder = Path.Combine(Folder, relativeFolder);
        if (!Directory.Exists(folder) || Updating)
        {
            return [];
        }

        var set = produced.Select(p => p.Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => !set.Contains(f));
    }
}
