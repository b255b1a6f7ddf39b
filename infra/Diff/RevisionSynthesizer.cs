using System.Formats.Tar;
using Palisade.Components.Diagnostics;
using Palisade.Infra.Input;
using Palisade.Infra.Process;

namespace Palisade.Infra.Diff;

/// <summary>
/// Synthesizes a stack as a git revision's own program would: the revision is exported with <c>git archive</c> into a
/// temporary folder (the working tree, index and HEAD are never touched), then that revision's program is built and
/// run there with <c>dotnet run --project &lt;program&gt; -- synth &lt;stack&gt; --out &lt;tmp&gt;</c> (the program its palisade.json names). Works across code versions,
/// because the base is synthesized by the base's code. The temporary folder is a <see cref="TemporaryWorkspace"/>
/// (<c>$TMPDIR/palisade-base-&lt;pid&gt;-&lt;random&gt;</c>): a run killed mid-build leaves it, and the next run removes it
/// together with the orphaned build still working in it. With a <see cref="BaseCache"/>, a base whose git tree was
/// synthesized before is read from the cache instead (nothing is exported or built).
/// </summary>
internal sealed class RevisionSynthesizer(IProcessRunner runner, TextWriter log, BaseCache? cache = null)
{
    private const int SynthChecksFailed = 1;

    /// <summary>Quiet, self-contained builds: no telemetry banner, no build servers left running after the diff.</summary>
    public static IReadOnlyDictionary<string, string?> DotnetEnvironment { get; } = new Dictionary<string, string?>
    {
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["UseSharedCompilation"] = "false",
    };

    /// <param name="projectPath">The project folder (with Pulumi.yaml) in the working tree; only read by git.</param>
    /// <param name="revision">Any git revision: branch, tag, commit, origin/main, HEAD~1.</param>
    /// <exception cref="InputError">Not a git repository, or the revision does not exist (with git's message).</exception>
    public DiffSide Synthesize(string projectPath, string revision, string stack)
    {
        if (revision.Length == 0 || revision.StartsWith('-'))
        {
            throw new InputError("--base", $"'{revision}' is not a revision", "Name a branch, tag or commit, e.g. --base origin/main.");
        }

        var top = Git(projectPath, ["rev-parse", "--show-toplevel"], $"{projectPath} is not inside a git repository",
            "Run diff --base from a clone of the repository, or compare two stacks with `diff <stackA> <stackB>`.").Trim();
        var prefix = Git(projectPath, ["rev-parse", "--show-prefix"], $"{projectPath} is not inside a git repository",
            "Run diff --base from a clone of the repository.").Trim().TrimEnd('/');
        var commit = Git(projectPath, ["rev-parse", "--verify", $"{revision}^{{commit}}"], $"'{revision}' is not a commit in {top}",
            "Use a branch, tag or commit that exists locally (in CI, check out with fetch-depth: 0 and use origin/<branch>).").Trim();
        var shortCommit = commit.Length > 12 ? commit[..12] : commit;
        var label = $"{revision} ({shortCommit})";
        if (cache is null)
        {
            return Build(top, prefix, commit, label, stack, store: null);
        }

        var tree = Git(top, ["rev-parse", "--verify", $"{commit}^{{tree}}"], $"the tree of {label} is not readable",
            "Check that the repository is readable.").Trim();
        var key = BaseCache.Key(tree, prefix, stack);
        IDisposable held;
        string? cached;
        try
        {
            held = cache.Lock(key);
            cached = cache.Find(key, out var problem);
            if (problem is not null)
            {
                log.WriteLine($"diff: the cached base of {label} is damaged ({problem}); it was removed and is built again");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.WriteLine($"diff: the base cache at {cache.Root} is not usable ({e.Message}); building {label} without it");
            return Build(top, prefix, commit, label, stack, store: null);
        }

        using (held)
        {
            if (cached is not null)
            {
                log.WriteLine($"diff: {label} from the cache (tree {tree[..Math.Min(12, tree.Length)]}, {cache.Root})");
                return DiffSide.FromFolder(stack, label, cached);
            }

            return Build(top, prefix, commit, label, stack, output =>
            {
                try
                {
                    cache.Store(key, output);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    log.WriteLine($"diff: {label} could not be cached in {cache.Root} ({e.Message})");
                }
            });
        }
    }

    private DiffSide Build(string top, string prefix, string commit, string label, string stack, Action<string>? store)
    {
        using var workspace = TemporaryWorkspace.Create("base");
        var temp = workspace.Path;
        try
        {
            var archive = Path.Combine(temp, "base.tar");
            log.WriteLine($"diff: exporting {label} with git archive");
            Git(top, ["archive", "--format=tar", "-o", archive, commit], $"git archive of {label} failed",
                "Check that the repository is readable.");

            var source = Path.Combine(temp, "src");
            Directory.CreateDirectory(source);
            TarFile.ExtractToDirectory(archive, source, overwriteFiles: true);
            File.Delete(archive);
            var project = prefix.Length == 0 ? source : Path.Combine(source, prefix);

            if (!File.Exists(Path.Combine(project, $"Pulumi.{stack}.yaml")))
            {
                return DiffSide.Missing(stack, label, $"Stack '{stack}' does not exist at {label}: every resource is new.");
            }

            string? program;
            try
            {
                program = ProgramLocation.Find(project);
            }
            catch (InputError e)
            {
                return DiffSide.Missing(stack, label, $"The {ProjectSettings.FileName} at {label} is not usable ({e.Message}): the base is unknown, every resource is shown as new.");
            }

            if (program is null)
            {
                return DiffSide.Missing(stack, label, $"{label} has no palisade program ({ProgramLocation.Expected}): the base is unknown, every resource is shown as new.");
            }

            var output = Path.Combine(temp, "out");
            log.WriteLine($"diff: building {label} and synthesizing stack {stack} with its own program (dotnet run)");
            var run = runner.Run("dotnet", SynthArguments(program, stack, output), project, DotnetEnvironment);

            // Exit 1 is synth's "written, but a check fails": a base whose checks fail is still a base to compare with.
            if (run.ExitCode is 0 or SynthChecksFailed && IsComplete(output))
            {
                var side = DiffSide.FromFolder(stack, label, output);
                store?.Invoke(output);
                return side;
            }

            var compilerErrors = CompilerErrors(run.StandardOutput + "\n" + run.StandardError, source);
            if (compilerErrors.Length > 0)
            {
                return DiffSide.Missing(stack, label,
                    $"The program at {label} does not build, so stack '{stack}' is unknown at the base: {compilerErrors} — every resource is shown as new.");
            }

            var stderr = LastLines(run.StandardError, 5);
            var detail = stderr.Length > 0 ? stderr : LastLines(run.StandardOutput, 5);
            var noSynth = detail.Contains("synth", StringComparison.Ordinal) &&
                          (detail.Contains("Unrecognized", StringComparison.OrdinalIgnoreCase) || detail.Contains("Unknown", StringComparison.OrdinalIgnoreCase));
            return DiffSide.Missing(stack, label, noSynth
                ? $"The program at {label} has no `synth` verb, so stack '{stack}' is unknown at the base: every resource is shown as new."
                : $"Stack '{stack}' could not be synthesized at {label} (exit {run.ExitCode}): {(detail.Length == 0 ? "no output" : detail)} — the base is unknown, every resource is shown as new.");
        }
        catch (ProcessStartException e)
        {
            throw new InputError("--base", e.Message, "Install git and the .NET SDK, or compare two stacks with `diff <stackA> <stackB>`.");
        }
    }

    /// <summary>
    /// The base's own program, built without build servers (<c>--disable-build-servers</c>), so nothing it starts
    /// outlives the run, then <c>synth</c> into <paramref name="output"/>.
    /// </summary>
    public static IReadOnlyList<string> SynthArguments(string program, string stack, string output) =>
        ["run", "--project", program, "--disable-build-servers", "--", "synth", stack, "--out", output];

    /// <summary>synth wrote every file: the program exists (older revisions do not write a manifest of their output).</summary>
    private static bool IsComplete(string output) => File.Exists(Path.Combine(output, DiffSide.ProgramFile));

    private string Git(string directory, IReadOnlyList<string> arguments, string problem, string fix)
    {
        ProcessResult result;
        try
        {
            result = runner.Run("git", arguments, directory);
        }
        catch (ProcessStartException e)
        {
            throw new InputError("--base", e.Message, "Install git, or compare two stacks with `diff <stackA> <stackB>`.");
        }

        if (!result.Succeeded)
        {
            var message = LastLines(result.StandardError, 3);
            throw new InputError("--base", $"{problem} (git: {(message.Length == 0 ? $"exit {result.ExitCode}" : message)})", fix);
        }

        return result.StandardOutput;
    }

    /// <summary>
    /// The first compiler or MSBuild errors ("file(line,col): error CS1002: ; expected"), which <c>dotnet run</c> prints on
    /// stdout while stderr only says that the build failed; paths relative to the exported revision.
    /// </summary>
    private static string CompilerErrors(string output, string source)
    {
        var errors = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.Contains(": error ", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"\s*\[[^\]]*\.csproj\]$", ""))
            .Select(l => l.Replace(source + Path.DirectorySeparatorChar, "", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return errors.Count == 0 ? "" : string.Join("; ", errors.Take(3)) + (errors.Count > 3 ? $" (and {errors.Count - 3} more errors)" : "");
    }

    private static string LastLines(string text, int count) =>
        string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count));
}
