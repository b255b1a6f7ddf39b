namespace Palisade.Tests.Connectivity;

/// <summary>Finds tests/Palisade.Tests/Fixtures/Connectivity from the test binaries, wherever they were built.</summary>
internal static class ConnectivityFixtures
{
    public static string Root { get; } = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Fixtures", "Connectivity");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"Fixtures/Connectivity not found above {AppContext.BaseDirectory}");
    }
}
