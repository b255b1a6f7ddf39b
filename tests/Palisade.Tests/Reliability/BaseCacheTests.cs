using Palisade.Infra.Diff;
using Palisade.Infra.Process;
using Palisade.Tests.Support;

namespace Palisade.Tests.Reliability;

/// <summary>
/// The base revision's output cached by its git tree (a real git repository, a real cache folder, a fake
/// <c>dotnet</c> that counts builds): hits after an empty commit, misses after a change, one build for concurrent runs,
/// eviction of the least recently used entries, and a damaged entry rebuilt.
/// </summary>
public sealed class BaseCacheTests : IDisposable
{
    private readonly string repository = Directory.CreateTempSubdirectory("palisade-tests-cache-repo-").FullName;
    private readonly string cacheRoot = Path.Combine(Directory.CreateTempSubdirectory("palisade-tests-cache-").FullName, "bases");
    private int builds;

    public BaseCacheTests()
    {
        foreach (var file in new[] { "Pulumi.yaml", "Pulumi.dev.yaml" })
        {
            File.Copy(Path.Combine(RepoPaths.Root, file), Path.Combine(repository, file));
        }

        Directory.CreateDirectory(Path.Combine(repository, "infra"));
        File.WriteAllText(Path.Combine(repository, "infra", "Palisade.Infra.csproj"), "<Project />\n");
        Git("init", "-q");
        Git("add", ".");
        Commit("base");
    }

    [Fact]
    public void A_base_is_built_once_and_an_empty_commit_keeps_its_tree_and_its_cache_entry()
    {
        var log = new StringWriter();
        var first = Synthesize(new BaseCache(cacheRoot, BaseCache.DefaultMaxBytes), log);
        Commit("nothing changed", "--allow-empty");
        var second = Synthesize(new BaseCache(cacheRoot, BaseCache.DefaultMaxBytes), log);

        Assert.Equal(1, builds);
        Assert.Equal(first.Files, second.Files);
        Assert.Contains("from the cache", log.ToString());
        Assert.NotEqual(first.Label, second.Label);

        File.AppendAllText(Path.Combine(repository, "Pulumi.dev.yaml"), "# changed\n");
        Git("add", ".");
        Commit("changed");
        Synthesize(new BaseCache(cacheRoot, BaseCache.DefaultMaxBytes), log);
        Assert.Equal(2, builds);
    }

    [Fact]
    public void Without_a_cache_every_run_builds()
    {
        Synthesize(null, TextWriter.Null);
        Synthesize(null, TextWriter.Null);

        Assert.Equal(2, builds);
        Assert.False(Directory.Exists(cacheRoot));
    }

    [Fact]
    public void A_changed_or_missing_cached_file_is_noticed_and_the_base_is_built_again()
    {
        var cache = new BaseCache(cacheRoot, BaseCache.DefaultMaxBytes);
        var original = Synthesize(cache, TextWriter.Null);
        var program = Directory.EnumerateFiles(cacheRoot, DiffSide.ProgramFile, SearchOption.AllDirectories).Single();
        File.WriteAllText(program, "resources: {tampered: true}\n");

        var log = new StringWriter();
        var rebuilt = Synthesize(cache, log);

        Assert.Equal(2, builds);
        Assert.Contains($"damaged ({DiffSide.ProgramFile} was changed)", log.ToString());
        Assert.Equal(original.Files, rebuilt.Files);

        File.Delete(Directory.EnumerateFiles(cacheRoot, "checks.json", SearchOption.AllDirectories).Single());
        log.GetStringBuilder().Clear();
        Assert.Equal(original.Files, Synthesize(cache, log).Files);
        Assert.Equal(3, builds);
        Assert.Contains($"damaged ({DiffSide.ChecksFile} is missing)", log.ToString());
        Assert.Equal(original.Files, Synthesize(cache, TextWriter.Null).Files);
        Assert.Equal(3, builds);
    }

    [Fact]
    public void The_cache_keeps_within_its_size_by_removing_the_least_recently_used_bases()
    {
        // Each entry holds about 10 KB: a bound of 25 KB keeps two.
        var cache = new BaseCache(cacheRoot, 25_000);
        var padding = new string('x', 10_000);
        var trees = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            File.WriteAllText(Path.Combine(repository, "version.txt"), $"{i}\n");
            Git("add", ".");
            Commit($"version {i}");
            trees.Add(Git("rev-parse", "HEAD^{tree}").Trim());
            Synthesize(cache, TextWriter.Null, padding);
            if (i == 1)
            {
                // The first base is used again, so the second is now the least recently used.
                Git("checkout", "-q", "HEAD~1");
                Synthesize(cache, TextWriter.Null, padding);
                Git("checkout", "-q", "-");
                Thread.Sleep(20);
            }
        }

        var kept = Directory.EnumerateDirectories(cacheRoot).Select(Path.GetFileName).ToList();
        Assert.Equal(2, kept.Count);
        Assert.Contains(kept, k => k!.StartsWith(trees[0][..12], StringComparison.Ordinal));
        Assert.Contains(kept, k => k!.StartsWith(trees[2][..12], StringComparison.Ordinal));
        Assert.Equal(3, builds);
    }

    [Fact]
    public async Task Concurrent_runs_for_one_base_build_it_once_and_all_read_the_same_output()
    {
        var cache = new BaseCache(cacheRoot, BaseCache.DefaultMaxBytes);
        var started = new ManualResetEventSlim();
        var sides = Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() =>
            {
                started.Wait();
                return Synthesize(cache, TextWriter.Null, slow: true);
            }))
            .ToList();
        started.Set();
        var results = await Task.WhenAll(sides);

        Assert.Equal(1, builds);
        Assert.All(results, s => Assert.Equal(results[0].Files, s.Files));
        Assert.Single(Directory.EnumerateDirectories(cacheRoot));
    }

    [Fact]
    public void The_user_cache_is_under_xdg_cache_home_or_home_and_can_be_turned_off()
    {
        Assert.Equal("/x/cache/palisade/bases", BaseCache.ForUser(v => v switch { "XDG_CACHE_HOME" => "/x/cache", "HOME" => "/home/u", _ => null })!.Root);
        Assert.Equal("/home/u/.cache/palisade/bases", BaseCache.ForUser(v => v == "HOME" ? "/home/u" : null)!.Root);
        Assert.Equal(5L * 1024 * 1024, BaseCache.ForUser(v => v switch { "HOME" => "/home/u", BaseCache.SizeVariable => "5", _ => null })!.MaxBytes);
        Assert.Null(BaseCache.ForUser(v => v switch { "HOME" => "/home/u", BaseCache.DisableVariable => "off", _ => null }));
        Assert.Null(BaseCache.ForUser(_ => null));
    }

    [Fact]
    public void A_base_that_does_not_compile_names_the_compiler_errors()
    {
        var side = new RevisionSynthesizer(new FakeDotnet(_ => new ProcessResult(1,
                "  Determining projects to restore...\n" +
                $"{Path.GetTempPath()}palisade-base-1-abc/src/infra/Cli/Verb.cs(12,5): error CS1002: ; expected [/tmp/x/src/infra/Palisade.Infra.csproj]\n",
                "The build failed. Fix the build errors and run again.\n"), () => { }), TextWriter.Null)
            .Synthesize(repository, "HEAD", "dev");

        Assert.False(side.Exists);
        Assert.Contains("does not build", side.Note);
        Assert.Contains("Verb.cs(12,5): error CS1002: ; expected", side.Note);
        Assert.DoesNotContain(".csproj]", side.Note);
    }

    private DiffSide Synthesize(BaseCache? cache, TextWriter log, string padding = "", bool slow = false) =>
        new RevisionSynthesizer(new FakeDotnet(output =>
        {
            if (slow)
            {
                Thread.Sleep(300);
            }

            Write(output, DiffSide.ProgramFile, $"resources: {{}}\n# {padding}\n");
            Write(output, DiffSide.ChecksFile, "[]\n");
            return new ProcessResult(0, "", "");
        }, () => Interlocked.Increment(ref builds)), log, cache).Synthesize(repository, "HEAD", "dev");

    private static void Write(string folder, string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private void Commit(string message, params string[] extra) =>
        Git(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", message, .. extra]);

    private string Git(params string[] arguments)
    {
        var result = ProcessRunner.Instance.Run("git", arguments, repository);
        Assert.True(result.Succeeded, result.StandardError);
        return result.StandardOutput;
    }

    /// <summary>Real git; dotnet answers with <c>dotnet(outputFolder)</c> and counts as one build.</summary>
    private sealed class FakeDotnet(Func<string, ProcessResult> dotnet, Action built) : IProcessRunner
    {
        public ProcessResult Run(string executable, IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
        {
            if (executable != "dotnet")
            {
                return ProcessRunner.Instance.Run(executable, arguments, workingDirectory, environment);
            }

            built();
            return dotnet(arguments[^1]);
        }
    }

    public void Dispose()
    {
        Directory.Delete(repository, recursive: true);
        Directory.Delete(Path.GetDirectoryName(cacheRoot)!, recursive: true);
    }
}
