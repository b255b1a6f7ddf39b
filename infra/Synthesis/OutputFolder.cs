using System.Text;
using Palisade.Components.Diagnostics;

namespace Palisade.Infra.Synthesis;

/// <summary>
/// Writes a set of files as one unit, without ever destroying what is not ours:
/// <list type="number">
/// <item>the target must qualify (<see cref="OutputTarget"/>) and be new, empty or synth's own (<see cref="OutputOwnership"/>);</item>
/// <item>one writer at a time per target (<see cref="OutputLock"/>), which also makes leftovers of killed runs safe to clean;</item>
/// <item>files go to <c>.&lt;name&gt;.staging-*</c> beside the target, are fsynced, and the marker is written last;</item>
/// <item>one rename swaps staging and target (Linux renameat2 RENAME_EXCHANGE), so the target is at every moment the
/// complete old output or the complete new one. Where the file system cannot exchange, two renames are used
/// (target to <c>.&lt;name&gt;.trash-*</c>, staging to target); a run killed between them leaves no target, and the next
/// run puts the old output back before it starts.</item>
/// </list>
/// </summary>
internal static class OutputFolder
{
    public static OutputWriteResult Write(string target, IReadOnlyDictionary<string, string> files) => Write(target, files, new OutputRules());

    /// <exception cref="InputError">The target does not qualify, is locked by another run, or the file system failed
    /// (with the path, the reason and what to do); the target is then unchanged.</exception>
    public static OutputWriteResult Write(string target, IReadOnlyDictionary<string, string> files, OutputRules rules)
    {
        if (files.Keys.FirstOrDefault(f => !OutputMarker.IsPlainRelative(f) || f == OutputMarker.File) is { } bad)
        {
            throw new ArgumentException($"'{bad}' is not a plain relative output path", nameof(files));
        }

        var full = OutputTarget.Resolve(target, Environment.CurrentDirectory, rules.Project, rules.Home);
        var parent = Path.GetDirectoryName(full)!;
        var notes = new List<string>();
        var step = full;
        try
        {
            OutputOwnership.CheckParents(full);
            OutputOwnership.Check(full); // before anything is created, so a refusal leaves no trace; again under the lock
            step = parent;
            Directory.CreateDirectory(parent);
            step = OutputLock.PathFor(full);
            using var held = OutputLock.Acquire(full, rules.LockWait ?? OutputLock.DefaultWait);
            step = full;
            OutputLeftovers.Clean(full, notes);
            OutputOwnership.Check(full);

            var staging = OutputLeftovers.NewStaging(full);
            string? old;
            try
            {
                step = staging;
                Directory.CreateDirectory(staging);
                foreach (var (relative, text) in files)
                {
                    step = Path.Join(staging, relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(step)!);
                    WriteDurably(step, text);
                }

                step = Path.Join(staging, OutputMarker.File);
                WriteDurably(step, OutputMarker.Render(files.Keys));
                step = full;
                old = Swap(staging, full, OutputLeftovers.NewTrash(full));
            }
            catch
            {
                OutputLeftovers.TryDelete(staging);
                throw;
            }

            NativeFileSystem.SyncDirectory(parent);
            if (old is not null)
            {
                RemoveOld(old, full);
            }
        }
        catch (Exception e) when (FileSystemErrors.IsFileSystemError(e))
        {
            throw FileSystemErrors.Describe(full, e, step == full ? "cannot write the output" : $"cannot write the output (at {step})");
        }

        return new OutputWriteResult(full, notes);
    }

    /// <returns>Where the previous output now is (to delete), or null when there was none.</returns>
    private static string? Swap(string staging, string target, string trash)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return null;
        }

        switch (NativeFileSystem.TryExchange(staging, target))
        {
            case 0:
                return staging;
            case { } errno and (1 or 13): // EPERM, EACCES: e.g. an immutable folder, as .NET reports them elsewhere
                throw new UnauthorizedAccessException($"{NativeFileSystem.Describe(errno)} : '{target}'");
            case { } errno:
                throw new IOException($"{NativeFileSystem.Describe(errno)} : '{target}'", errno);
            default:
                Directory.Move(target, trash);
                try
                {
                    Directory.Move(staging, target);
                }
                catch
                {
                    Directory.Move(trash, target);
                    throw;
                }

                return trash;
        }
    }

    private static void RemoveOld(string old, string target)
    {
        try
        {
            Directory.Delete(old, recursive: true);
        }
        catch (Exception e) when (FileSystemErrors.IsFileSystemError(e))
        {
            throw FileSystemErrors.Describe(old, e, $"the new output is complete in {target}, but the previous one, moved here, could not be removed");
        }
    }

    private static void WriteDurably(string path, string text)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        stream.Write(Encoding.UTF8.GetBytes(text));
        stream.Flush(flushToDisk: true);
    }
}

/// <summary>What a caller of <see cref="OutputFolder.Write(string, IReadOnlyDictionary{string, string}, OutputRules)"/> may protect and wait for.</summary>
/// <param name="Project">The project folder: refused as a target, with its ancestors.</param>
/// <param name="Home">The home folder: refused as a target, with its ancestors.</param>
/// <param name="LockWait">How long to wait for another writer of the same folder (default <see cref="OutputLock.DefaultWait"/>).</param>
internal sealed record OutputRules(string? Project = null, string? Home = null, TimeSpan? LockWait = null);

/// <param name="Target">The real folder written.</param>
/// <param name="Notes">Leftovers of interrupted runs that were restored, or could not be removed.</param>
internal sealed record OutputWriteResult(string Target, IReadOnlyList<string> Notes);
