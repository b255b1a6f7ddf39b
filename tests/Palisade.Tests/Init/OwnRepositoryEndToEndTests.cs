using Palisade.Infra.Cli;
using Palisade.Infra.Diff;
using Palisade.Tests.Reliability;
using Palisade.Tests.Support;

namespace Palisade.Tests.Init;

/// <summary>
/// The README's "Use Palisade from your own repository", walked through as a new user would: the libraries are packed
/// into a temporary feed, then every command of the section's shell block runs as written — `palisade init`, `cd`,
/// the build, `plan dev`, the tests — in a repository that holds only the user's code and references the packages;
/// then, there, `diff --base HEAD dev` builds the base with the program its palisade.json names, `promote` treats
/// the inputs it names as what must be committed, and the compiler entry builds and runs that program. Slow (packs
/// and builds): runs with PALISADE_SLOW_TESTS=1.
/// </summary>
[Trait("Category", "Slow")]
public class OwnRepositoryEndToEndTests
{
    private const string Section = "## Use Palisade from your own repository";
    private static readonly string[] Libraries = ["components/Palisade.Components.csproj", "stacks/Palisade.Stacks.csproj", "infra/Palisade.Infra.csproj"];
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    [SlowFact]
    public async Task The_readme_walk_through_builds_plans_and_tests_a_repository_of_the_users_own()
    {
        var commands = ReadmeCommands();
        Assert.Contains(commands, c => c.StartsWith("palisade init ", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("-- plan dev", StringComparison.Ordinal));
        Assert.Contains("dotnet test", commands);

        var temp = Path.Combine(Path.GetTempPath(), "palisade-tests", "own-repo-" + Guid.NewGuid().ToString("N"));
        var version = "0.0.0-e2e-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            var feed = Path.Combine(temp, "feed");
            await Pack(temp, feed, version);

            var folder = Path.Combine(temp, "work");
            Directory.CreateDirectory(folder);
            var ran = new List<string>();
            foreach (var command in commands)
            {
                if (command.StartsWith("cd ", StringComparison.Ordinal))
                {
                    folder = Path.GetFullPath(Path.Combine(folder, command[3..].Trim()));
                    Assert.True(Directory.Exists(folder), $"`{command}`: no such folder");
                }
                else if (command.StartsWith("palisade ", StringComparison.Ordinal))
                {
                    // The tool as a library call, at the version just packed; the new repository then finds that
                    // version in the temporary feed, next to the machine's own package sources.
                    var output = new StringWriter();
                    var error = new StringWriter();
                    var args = command["palisade ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var exit = PalisadeCli.Run([.. args, "--palisade-version", version], () => new CommandContext(folder, _ => null, output, error));
                    Assert.True(exit == ExitCodes.Success, $"`{command}` exited {exit}: {error}");
                    var created = Path.Combine(folder, args[1]);
                    File.WriteAllText(Path.Combine(created, "nuget.config"), LocalFeedConfig(feed));
                }
                else
                {
                    var run = await CliRun.Run("bash", ["-c", command], folder, Environment(), Limit);
                    Assert.True(run.ExitCode == 0, $"`{command}` in {folder}: {run}");
                    if (command.Contains("-- plan dev", StringComparison.Ordinal))
                    {
                        Assert.Matches(@"All \d+ checks passed", run.Stdout);
                    }
                    else if (command == "dotnet test")
                    {
                        Assert.Contains("Failed:     0", run.Stdout, StringComparison.Ordinal);
                    }
                }

                ran.Add(command);
            }

            Assert.Equal(commands, ran);

            // The PR diff in that repository: the base is exported and built with the program its palisade.json names.
            await Git(folder, "init", "-q");
            await Git(folder, "add", "-A");
            await Git(folder, "commit", "-q", "-m", "init");
            var diff = await CliRun.Run("dotnet", ["run", "--project", "platform", "--no-build", "--", "diff", "--base", "HEAD", "dev"], folder, Environment(), Limit);
            Assert.True(diff.ExitCode == 0, diff.ToString());
            Assert.Contains("No changes", diff.Stdout, StringComparison.Ordinal);
            Assert.Contains("synthesizing stack dev with its own program", diff.Stderr, StringComparison.Ordinal);

            await Promotes(folder);
            await CompilerEntryPrintsTheProgram(folder);
        }
        finally
        {
            foreach (var folder in new[] { temp, CacheHome })
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }

            RemoveFromPackageCache(version);
        }
    }

    /// <summary>
    /// A prod stack promoted from dev: an uncommitted edit of an app (an input palisade.json names) refuses the
    /// promotion, an edit of the tests does not.
    /// </summary>
    private static async Task Promotes(string folder)
    {
        File.WriteAllText(Path.Combine(folder, "Pulumi.prod.yaml"),
            File.ReadAllText(Path.Combine(folder, "Pulumi.dev.yaml")).Replace("palisade:kubeContext: dev", "palisade:kubeContext: prod\n  palisade:promoteFrom: dev"));
        Assert.Contains("palisade:promoteFrom: dev", File.ReadAllText(Path.Combine(folder, "Pulumi.prod.yaml")), StringComparison.Ordinal);
        await Git(folder, "add", "-A");
        await Git(folder, "commit", "-q", "-m", "prod");
        string[] promote = ["run", "--project", "platform", "--no-build", "--", "promote", "dev", "prod"];

        var app = Path.Combine(folder, "apps", "ShopApp.cs");
        var source = File.ReadAllText(app);
        File.AppendAllText(app, "// an uncommitted edit\n");
        var dirty = await CliRun.Run("dotnet", promote, folder, Environment(), Limit);
        Assert.True(dirty.ExitCode == ExitCodes.BadInput, dirty.ToString());
        Assert.Contains("uncommitted changes", dirty.Stderr, StringComparison.Ordinal);
        Assert.Contains("apps/ShopApp.cs", dirty.Stderr, StringComparison.Ordinal);

        File.WriteAllText(app, source);
        var tests = Directory.EnumerateFiles(Path.Combine(folder, "tests"), "StackTests.cs", SearchOption.AllDirectories).Single();
        File.AppendAllText(tests, "// an uncommitted edit outside the inputs\n");
        var promoted = await CliRun.Run("dotnet", promote, folder, Environment(), Limit);
        Assert.True(promoted.ExitCode == 0, promoted.ToString());
        Assert.Contains("palisade:promotedDigest", File.ReadAllText(Path.Combine(folder, "Pulumi.prod.yaml")), StringComparison.Ordinal);
    }

    /// <summary>Pulumi's compiler entry builds the program palisade.json names and prints what `compile` prints.</summary>
    private static async Task CompilerEntryPrintsTheProgram(string folder)
    {
        var environment = new Dictionary<string, string?>(Environment())
        {
            ["PULUMI_STACK"] = "dev",
            ["PULUMI_PROJECT"] = Path.GetFileName(folder),
            ["PULUMI_CONFIG"] = Palisade.Tests.Cli.CompileVerbTests.EngineConfig(Path.Combine(folder, "Pulumi.dev.yaml")),
        };
        var expected = await CliRun.Run("dotnet", ["run", "--project", "platform", "--no-build", "--", "compile"], folder, environment, Limit);
        Assert.True(expected.ExitCode == 0, expected.ToString());

        var entry = await CliRun.Run("bash", ["scripts/pulumi-compile.sh"], folder, environment, Limit);
        Assert.True(entry.ExitCode == 0, entry.ToString());
        Assert.Equal(expected.Stdout, entry.Stdout);
        Assert.Contains("palisade: building the CLI (r2r)", entry.Stderr, StringComparison.Ordinal);
        Assert.Single(Directory.EnumerateDirectories(Path.Combine(folder, "platform", "bin", "compiler", "builds")));
    }

    /// <summary>The commands of the section's shell block, comments dropped, in order.</summary>
    private static List<string> ReadmeCommands()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var start = readme.IndexOf(Section + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no section \"{Section}\"");
        var block = readme.IndexOf("```sh\n", start, StringComparison.Ordinal);
        var end = readme.IndexOf("\n```", block + 1, StringComparison.Ordinal);
        Assert.True(block > 0 && end > block && readme.IndexOf("\n## ", start + Section.Length, StringComparison.Ordinal) > end,
            "the section's first shell block is not inside the section");
        return readme[(block + "```sh\n".Length)..end].Split('\n')
            .Select(line => (line.Contains(" #", StringComparison.Ordinal) ? line[..line.IndexOf(" #", StringComparison.Ordinal)] : line).Trim())
            .Where(line => line.Length > 0)
            .ToList();
    }

    /// <summary>The three libraries at a version of their own, in one build, into the feed.</summary>
    private static async Task Pack(string temp, string feed, string version)
    {
        Directory.CreateDirectory(temp);
        var solution = Path.Combine(temp, "pack.slnx");
        File.WriteAllText(solution, "<Solution>\n" + string.Concat(Libraries.Select(p =>
            $"  <Project Path=\"{Path.GetRelativePath(temp, Path.Combine(RepoPaths.Root, p)).Replace('\\', '/')}\" />\n")) + "</Solution>\n");
        var pack = await CliRun.Run("dotnet",
            ["pack", solution, "-c", "Release", "-nologo", $"-p:Version={version}", $"-p:PackageOutputPath={feed}", "--artifacts-path", Path.Combine(temp, "artifacts")],
            temp, Environment(), Limit);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        foreach (var library in Libraries)
        {
            var id = Path.GetFileNameWithoutExtension(library);
            Assert.True(File.Exists(Path.Combine(feed, $"{id}.{version}.nupkg")), $"{id} {version} was not packed: {pack}");
        }
    }

    /// <summary>
    /// The feed added to the sources the machine already has (the user and machine NuGet.Config are still read, so
    /// the third-party packages come from wherever this machine gets them).
    /// </summary>
    private static string LocalFeedConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="palisade-local" value="{feed}" />
          </packageSources>
        </configuration>

        """;

    /// <summary>Where the runs keep their base cache: the test's own, removed with it.</summary>
    private static readonly string CacheHome = Path.Combine(Path.GetTempPath(), "palisade-tests", "own-repo-cache-" + Guid.NewGuid().ToString("N"));

    private static Dictionary<string, string?> Environment() =>
        new(RevisionSynthesizer.DotnetEnvironment) { ["PALISADE_BUILD"] = "r2r", ["XDG_CACHE_HOME"] = CacheHome };

    private static async Task Git(string folder, params string[] arguments)
    {
        var run = await CliRun.Run("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", .. arguments], folder);
        Assert.True(run.ExitCode == 0, $"git {string.Join(' ', arguments)}: {run}");
    }

    /// <summary>The test's own package version leaves the global package cache with the test.</summary>
    private static void RemoveFromPackageCache(string version)
    {
        var cache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var library in Libraries)
        {
            var folder = Path.Combine(cache, Path.GetFileNameWithoutExtension(library).ToLowerInvariant(), version);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
