using System.Runtime.InteropServices;

namespace Palisade.Infra.Synthesis;

/// <summary>
/// The two POSIX calls .NET does not offer: swapping two folders in one rename (Linux renameat2 RENAME_EXCHANGE), and
/// fsync on a folder (so a rename survives a power cut). Both report failure instead of throwing, so callers can fall
/// back where the kernel or the file system lacks them.
/// </summary>
internal static class NativeFileSystem
{
    private const int AtCurrentDirectory = -100;
    private const uint RenameExchange = 2;
    private const int OpenReadOnlyDirectory = 0x10000; // O_RDONLY | O_DIRECTORY on Linux

    /// <summary>errno values meaning "this kernel or file system cannot exchange", as opposed to a real failure.</summary>
    private static readonly HashSet<int> Unsupported = [22 /* EINVAL */, 38 /* ENOSYS */, 95 /* EOPNOTSUPP */];

    /// <summary>Atomically swaps two existing paths. Null when the platform cannot; otherwise 0 or the errno.</summary>
    public static int? TryExchange(string first, string second)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            if (renameat2(AtCurrentDirectory, first, AtCurrentDirectory, second, RenameExchange) == 0)
            {
                return 0;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return null; // a C library without renameat2 (glibc < 2.28, some musl builds)
        }

        var errno = Marshal.GetLastPInvokeError();
        return Unsupported.Contains(errno) ? null : errno;
    }

    /// <summary>Flushes a folder's entries to disk; best effort (not every file system supports it).</summary>
    public static void SyncDirectory(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            var fd = open(path, OpenReadOnlyDirectory);
            if (fd >= 0)
            {
                _ = fsync(fd);
                _ = close(fd);
            }
        }
        catch (EntryPointNotFoundException)
        {
            // Durability across power loss is a bonus; the swap itself is already atomic.
        }
    }

    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    // DllImport rather than LibraryImport: no unsafe code needed, and plain int/string marshalling is AOT-safe.
    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int renameat2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int open(string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
}
