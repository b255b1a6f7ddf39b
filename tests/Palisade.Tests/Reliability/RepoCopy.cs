using Palisade.Tests.Support;

namespace Palisade.Tests.Reliability;

/// <summary>
/// A throwaway copy of what building and running the CLI needs (projects, scripts, root build and stack files), as
/// its own git work tree or as a plain folder, to run scripts/palisade and scripts/lib/cli-build.sh against.
/// </summary>
public sealed class RepoCopy : IDisposable
{
    private static readonly string[] Folders = ["components", "stacks", "infra", "examples", "cli", "scripts"];

    private RepoCopy(bool git)
    {
        Root = Path.Combine(Path.GetTempPath(), "palisade-tests", "repo-" + Guid.NewGuid().ToString("N"));
        foreach (var file in SourceFiles())
        {
            var target = Path.Combine(Root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(RepoPaths.Root, file), target);
        }

        if (git)
        {
            Git("init", "-q");
            Git("add", "-A");
            Git("commit", "-q", "-m", "copy");
        }
    }

    public string Root { get; }

    public static RepoCopy WithGit() => new(git: true);

    public static RepoCopy WithoutGit() => new(git: false);

    public string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    public void Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Append(string relative, string content) => File.AppendAllText(Path.Combine(Root, relative), content);

    public void Delete(string relative) => File.Delete(Path.Combine(Root, relative));

    public void Touch(string relative) => File.SetLastWriteTimeUtc(Path.Combine(Root, relative), DateTime.UtcNow.AddMinutes(1));

    public string Git(params string[] arguments)
    {
        var outcome = CliRun.Run("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", .. arguments], Root).GetAwaiter().GetResult();
        Assert.True(outcome.ExitCode == 0, $"git {string.Join(' ', arguments)}: {outcome}");
        return outcome.Stdout;
    }

    /// <summary>The build stamp scripts/lib/cli-build.sh computes for the copy (ReadyToRun flavor).</summary>
    public string Stamp()
    {
        var outcome = CliRun.Run("bash", [Path.Combine(Root, "scripts/lib/cli-build.sh"), "stamp"], Root, ReadyToRun).GetAwaiter().GetResult();
        Assert.True(outcome.ExitCode == 0 && outcome.Stderr.Length == 0, outcome.ToString());
        return outcome.Stdout.Trim();
    }

    public static IReadOnlyDictionary<string, string?> ReadyToRun { get; } = new Dictionary<string, string?> { ["PALISADE_BUILD"] = "r2r" };

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    // The source files of the repository, without build output: tracked and untracked-but-not-ignored files.
    private static IEnumerable<string> SourceFiles()
    {
        var listed = CliRun.Run("git", ["ls-files", "-z", "-c", "-o", "--exclude-standard"], RepoPaths.Root).GetAwaiter().GetResult();
        var files = listed.ExitCode == 0
            ? listed.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            : Directory.EnumerateFiles(RepoPaths.Root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(RepoPaths.Root, f))
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".git"))
                .ToArray();
        return files.Where(f => File.Exists(Path.Combine(RepoPaths.Root, f))
            && (Folders.Any(folder => f.StartsWith(folder + "/", StringComparison.Ordinal)) || !f.Contains('/')));
    }
}
