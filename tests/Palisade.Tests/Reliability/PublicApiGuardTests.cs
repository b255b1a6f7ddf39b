namespace Palisade.Tests.Reliability;

/// <summary>
/// The public API baseline holds: in a copy of the repository, a new public type that PublicAPI.Unshipped.txt does not
/// list fails <c>dotnet build</c> with RS0016, and a listed symbol the code no longer has fails it with RS0017.
/// Slow (a real build): runs with PALISADE_SLOW_TESTS=1.
/// </summary>
[Trait("Category", "Slow")]
public class PublicApiGuardTests
{
    [SlowFact]
    public async Task An_undeclared_or_vanished_public_symbol_fails_the_build()
    {
        using var repo = RepoCopy.WithoutGit();
        repo.Write("components/ApiProbe.cs", """
            namespace Palisade.Components;

            public static class ApiProbe
            {
                public static int Answer() => 42;
            }
            """);
        repo.Append("components/PublicAPI.Unshipped.txt", "Palisade.Components.ZeroTrust.AppSpec.Vanished.get -> int\n");

        var build = await CliRun.Run("dotnet", ["build", "components/Palisade.Components.csproj", "-nologo", "-v", "q"], repo.Root,
            timeout: TimeSpan.FromMinutes(10));

        var output = build.Stdout + build.Stderr;
        Assert.NotEqual(0, build.ExitCode);
        Assert.Matches(@"ApiProbe\.cs.*error RS0016: Symbol 'Palisade\.Components\.ApiProbe' is not part of the declared public API", output);
        Assert.Matches(@"ApiProbe\.cs.*error RS0016: Symbol 'static Palisade\.Components\.ApiProbe\.Answer\(\) -> int'", output);
        Assert.Matches(@"error RS0017: Symbol 'Palisade\.Components\.ZeroTrust\.AppSpec\.Vanished\.get -> int' is part of the declared API, but is either not public or could not be found", output);
    }
}
