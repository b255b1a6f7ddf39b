using System.Diagnostics;

namespace Palisade.Tests.Reliability;

/// <summary>
/// Real file systems with faults: a tiny tmpfs (full), a read-only bind mount, chattr +i. They need root and a kernel
/// that lets us mount; tests using them are skipped with the reason otherwise.
/// </summary>
public sealed class Mount : IDisposable
{
    private Mount(string path) => Path = path;

    public string Path { get; }

    /// <summary>Why mount tests cannot run here, or null when they can (probed once: mount and unmount a tmpfs).</summary>
    public static string? Unavailable { get; } = Probe();

    public static Mount Tmpfs(string path, string size)
    {
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path);
        return new Mount(path);
    }

    public static Mount ReadOnlyBind(string source, string path)
    {
        Directory.CreateDirectory(path);
        Run("mount", "--bind", "-o", "ro", source, path);
        return new Mount(path);
    }

    public void Dispose() => Run("umount", "-l", Path);

    public static void Run(string file, params string[] args)
    {
        var (exit, error) = TryRun(file, args);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({exit}): {error}");
        }
    }

    public static (int Exit, string Error) TryRun(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error.Trim());
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "needs root on Linux to mount test file systems";
        }

        var probe = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "palisade-tests", "mount-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(probe);
            var (exit, error) = TryRun("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe);
            if (exit != 0)
            {
                return $"mount -t tmpfs failed: {error}";
            }

            TryRun("umount", probe);
            return null;
        }
        catch (Exception e)
        {
            return $"mount is not available: {e.Message}";
        }
        finally
        {
            try
            {
                Directory.Delete(probe);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>A fact that needs <see cref="Mount"/>; skipped with the reason when mounting is not possible.</summary>
public sealed class MountFactAttribute : FactAttribute
{
    public MountFactAttribute()
    {
        if (Mount.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A fact that needs chattr +i on the temp folder's file system; skipped with the reason otherwise.</summary>
public sealed class ImmutableFactAttribute : FactAttribute
{
    public static string? Unavailable { get; } = Probe();

    public ImmutableFactAttribute()
    {
        if (Unavailable is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "needs root on Linux for chattr +i";
        }

        var probe = Path.Combine(Path.GetTempPath(), "palisade-tests", "chattr-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(probe)!);
        File.WriteAllText(probe, "");
        try
        {
            var (exit, error) = Mount.TryRun("chattr", "+i", probe);
            return exit == 0 ? null : $"chattr +i failed here: {error}";
        }
        catch (Exception e)
        {
            return $"chattr is not available: {e.Message}";
        }
        finally
        {
            try
            {
                Mount.TryRun("chattr", "-i", probe);
            }
            catch (Exception)
            {
            }

            File.Delete(probe);
        }
    }
}
