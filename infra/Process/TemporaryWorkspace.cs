using System.Text.RegularExpressions;

namespace Palisade.Infra.Process;

/// <summary>
/// A temporary folder for one run (<c>$TMPDIR/palisade-&lt;purpose&gt;-&lt;pid&gt;-&lt;random&gt;</c>) with an
/// <c>owner</c> file naming the process (pid and start time). Deleted when disposed, and by the signal handler on
/// Ctrl-C/SIGTERM; a run killed with SIGKILL leaves it behind, so creating one first removes every workspace whose
/// owner is gone, after killing any process still working inside it (an orphaned build of the killed run).
/// </summary>
internal sealed partial class TemporaryWorkspace : IDisposable
{
    public const string OwnerFile = "owner";
    private static readonly object Gate = new();
    private static readonly HashSet<string> OfThisRun = new(StringComparer.Ordinal);

    private TemporaryWorkspace(string path) => Path = path;

    public string Path { get; }

    [GeneratedRegex(@"^palisade-[a-z]+-[0-9]+-[0-9a-f]{8}$")]
    private static partial Regex Name();

    /// <param name="purpose">Lower-case letters, e.g. "base".</param>
    public static TemporaryWorkspace Create(string purpose, string? root = null)
    {
        root ??= System.IO.Path.GetTempPath();
        RemoveStale(root);
        var path = System.IO.Path.Combine(root, $"palisade-{purpose}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(path);
        lock (Gate)
        {
            OfThisRun.Add(path);
        }

        File.WriteAllText(System.IO.Path.Combine(path, OwnerFile), LiveProcess.Identity + "\n");
        return new TemporaryWorkspace(path);
    }

    /// <summary>Workspaces under <paramref name="root"/> whose owner is gone, with whatever still runs in them.</summary>
    public static IReadOnlyList<string> RemoveStale(string root)
    {
        var removed = new List<string>();
        IEnumerable<string> folders;
        try
        {
            folders = Directory.EnumerateDirectories(root, "palisade-*").Where(f => Name().IsMatch(System.IO.Path.GetFileName(f))).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return removed;
        }

        foreach (var folder in folders)
        {
            if (IsOwned(folder))
            {
                continue;
            }

            foreach (var pid in ProcessesInside(folder))
            {
                ChildProcesses.KillProcess(pid);
            }

            if (TryDelete(folder))
            {
                removed.Add(folder);
            }
        }

        return removed;
    }

    public static void DeleteAllOfThisRun()
    {
        List<string> folders;
        lock (Gate)
        {
            folders = [.. OfThisRun];
        }

        // The main thread may still be writing into them: retry briefly until they are gone.
        for (var attempt = 0; attempt < 20 && folders.Count > 0; attempt++)
        {
            folders = folders.Where(f => !TryDelete(f) || Directory.Exists(f)).ToList();
            if (folders.Count > 0)
            {
                Thread.Sleep(50);
            }
        }
    }

    public void Dispose()
    {
        TryDelete(Path);
        lock (Gate)
        {
            OfThisRun.Remove(Path);
        }
    }

    private static bool IsOwned(string folder)
    {
        var name = System.IO.Path.GetFileName(folder);
        var pidText = name.Split('-')[2];
        string? owner = null;
        try
        {
            owner = File.ReadAllText(System.IO.Path.Combine(folder, OwnerFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not written yet (the owner is between creating the folder and the file) or unreadable: judge by the name.
        }

        return owner is not null ? LiveProcess.IsRunning(owner) : int.TryParse(pidText, out var pid) && LiveProcess.IsRunning(pid);
    }

    /// <summary>Processes whose working directory or command line is inside the folder (Linux: from /proc).</summary>
    private static IEnumerable<int> ProcessesInside(string folder)
    {
        if (!Directory.Exists("/proc/self"))
        {
            yield break;
        }

        var prefix = System.IO.Path.GetFullPath(folder).TrimEnd('/') + "/";
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(entry), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            string? cwd = null;
            string? commandLine = null;
            try
            {
                cwd = new DirectoryInfo(System.IO.Path.Combine(entry, "cwd")).LinkTarget;
                commandLine = File.ReadAllText(System.IO.Path.Combine(entry, "cmdline")).Replace('\0', ' ');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone already, or not ours to look at.
            }

            if ((cwd is not null && (cwd + "/").StartsWith(prefix, StringComparison.Ordinal)) ||
                (commandLine is not null && commandLine.Contains(prefix, StringComparison.Ordinal)))
            {
                yield return pid;
            }
        }
    }

    private static bool TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
