namespace Palisade.Tests.Reliability;

/// <summary>
/// The build keeps components free of I/O: in a copy of the repository, a component file that reads a file, the
/// environment, the clock or a random source fails <c>dotnet build</c> with the banned-API diagnostic for each, and
/// one that needs System.IO finds no implicit using for it. Slow (a real build): runs with PALISADE_SLOW_TESTS=1.
/// </summary>
[Trait("Category", "Slow")]
public class ComponentIoGuardTests
{
    [SlowFact]
    public async Task A_component_that_does_io_fails_the_build()
    {
        using var repo = RepoCopy.WithoutGit();
        repo.Write("components/IoProbe.cs", """
            namespace Palisade.Components;

            internal static class IoProbe
            {
                public static string Read() => System.IO.File.ReadAllText("stack.yaml");
                public static string? Home() => System.Environment.GetEnvironmentVariable("HOME");
                public static DateTime When() => DateTime.UtcNow;
                public static Guid Name() => Guid.NewGuid();
                public static int Roll() => new System.Random().Next();
                public static void Say() => System.Console.WriteLine("x");
            }
            """);
        repo.Write("components/ImplicitIoProbe.cs", """
            namespace Palisade.Components;

            internal static class ImplicitIoProbe
            {
                public static bool Exists() => File.Exists("x");
            }
            """);

        var build = await CliRun.Run("dotnet", ["build", "components/Palisade.Components.csproj", "-nologo", "-v", "q"], repo.Root,
            timeout: TimeSpan.FromMinutes(10));

        Assert.NotEqual(0, build.ExitCode);
        foreach (var banned in new[] { "'File'", "'Environment'", "'DateTime.UtcNow'", "'Guid.NewGuid()'", "'Random'", "'Console'" })
        {
            Assert.Matches($"IoProbe.cs.*error RS0030: The symbol {System.Text.RegularExpressions.Regex.Escape(banned)} is banned", build.Stdout + build.Stderr);
        }

        Assert.Matches("ImplicitIoProbe.cs.*error CS0103.*'File'", build.Stdout + build.Stderr);
    }
}
