using Palisade.Infra.Cli;
using Palisade.Tests.Cli;

namespace Palisade.Tests.Reliability;

/// <summary>
/// scripts/pulumi-compile.sh in a copy of the repository, as real processes: the first run builds the CLI, later runs
/// reuse the build without MSBuild (also after a commit), a changed C# file is built and its effect shows, concurrent
/// runs build once, and stdout carries only the program. Slow (it builds the CLI twice): runs with
/// PALISADE_SLOW_TESTS=1, which .ci/run sets.
/// </summary>
[Trait("Category", "Slow")]
public class CompilerEntryBuildTests
{
    private const string Probe = "infra/StampProbe.cs";
    private const string Building = "palisade: building the CLI (r2r)";

    [SlowFact]
    public async Task The_compiler_entry_builds_once_per_content_of_the_sources()
    {
        using var repo = RepoCopy.WithGit();
        var environment = new Dictionary<string, string?>(RepoCopy.ReadyToRun)
        {
            ["PULUMI_STACK"] = "dev",
            ["PULUMI_PROJECT"] = "palisade",
            ["PULUMI_CONFIG"] = CompileVerbTests.EngineConfig(Path.Combine(repo.Root, "Pulumi.dev.yaml")),
        };
        var program = ExpectedProgram(repo.Root, environment);
        Task<CliOutcome> Compile() => CliRun.Run("bash", [Path.Combine(repo.Root, "scripts/pulumi-compile.sh")], repo.Root, environment, TimeSpan.FromMinutes(10));

        var cold = await Compile();
        Assert.True(cold.ExitCode == 0, cold.ToString());
        Assert.Equal(program, cold.Stdout);
        Assert.Contains(Building, cold.Stderr, StringComparison.Ordinal);
        var firstBuild = Assert.Single(Builds(repo));
        var builtAt = File.GetLastWriteTimeUtc(Path.Combine(firstBuild, "palisade.dll"));

        var warm = await Compile();
        repo.Git("commit", "-q", "--allow-empty", "-m", "empty");
        repo.Touch("cli/Program.cs");
        var afterCommit = await Compile();
        foreach (var run in new[] { warm, afterCommit })
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal(program, run.Stdout);
            Assert.Equal(string.Empty, run.Stderr);
        }

        Assert.Equal([firstBuild], Builds(repo));
        Assert.Equal(builtAt, File.GetLastWriteTimeUtc(Path.Combine(firstBuild, "palisade.dll")));

        // A new C# file: Pulumi's two concurrent compiler runs build it once, and both run the new code.
        repo.Write(Probe, ProbeSource("stamp-probe 1"));
        var concurrent = await Task.WhenAll(Compile(), Compile());
        foreach (var run in concurrent)
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal(program, run.Stdout);
            Assert.EndsWith("stamp-probe 1\n", run.Stderr, StringComparison.Ordinal);
        }

        Assert.Single(concurrent, run => run.Stderr.Contains(Building, StringComparison.Ordinal));
        var secondBuild = Assert.Single(Builds(repo), b => b != firstBuild);
        Assert.True(File.GetLastWriteTimeUtc(Path.Combine(secondBuild, "palisade.dll")) > builtAt);

        // An edit of that file is picked up too.
        repo.Write(Probe, ProbeSource("stamp-probe 2"));
        var edited = await Compile();
        Assert.True(edited.ExitCode == 0, edited.ToString());
        Assert.Contains(Building, edited.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("stamp-probe 2\n", edited.Stderr, StringComparison.Ordinal);
        Assert.Equal(program, edited.Stdout);
    }

    private static string ExpectedProgram(string root, IReadOnlyDictionary<string, string?> environment)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, CompileVerb.Run(TestApps.Context(root, name => environment.GetValueOrDefault(name), output, error)));
        return output.ToString();
    }

    private static List<string> Builds(RepoCopy repo) =>
        Directory.EnumerateDirectories(Path.Combine(repo.Root, "cli/bin/compiler/builds")).Order(StringComparer.Ordinal).ToList();

    // Runs when the assembly loads, before Main: proof on stderr that the running binary holds this source.
    private static string ProbeSource(string message) => $$"""
        #pragma warning disable CA2255
        namespace Palisade.Infra;

        internal static class StampProbe
        {
            [System.Runtime.CompilerServices.ModuleInitializer]
            internal static void Announce() => System.Console.Error.Write("{{message}}\n");
        }
        """;
}

/// <summary>
/// A fact that runs only in the slow lane (PALISADE_SLOW_TESTS=1, which .ci/run sets for the tests of category Slow):
/// real builds of a copy of the repository, or many real processes with real signals and timing.
/// </summary>
public sealed class SlowFactAttribute : FactAttribute
{
    public const string Variable = "PALISADE_SLOW_TESTS";

    public SlowFactAttribute()
    {
        Skip = SkipUnlessSlowLane();
    }

    internal static string? SkipUnlessSlowLane() =>
        Environment.GetEnvironmentVariable(Variable) == "1"
            ? null
            : $"slow: real builds or many real processes; set {Variable}=1 to run it (.ci/run does)";
}

/// <summary>A theory that runs only in the slow lane, as <see cref="SlowFactAttribute"/>.</summary>
public sealed class SlowTheoryAttribute : TheoryAttribute
{
    public SlowTheoryAttribute()
    {
        Skip = SlowFactAttribute.SkipUnlessSlowLane();
    }
}
