using Palisade.Components.Diagnostics;

namespace Palisade.Infra.Synthesis;

/// <summary>
/// Turns an I/O failure into the one-line input error the command line prints: the path, what the file system said,
/// and what to do about it (by errno where .NET keeps it, which it does for everything it has no exception type for).
/// </summary>
internal static class FileSystemErrors
{
    public static InputError Describe(string path, Exception error, string doing = "cannot write the output")
    {
        var (problem, fix) = Explain(error);
        return new InputError(path, $"{doing}: {problem}", fix);
    }

    public static bool IsFileSystemError(Exception error) => error is IOException or UnauthorizedAccessException;

    private static (string Problem, string Fix) Explain(Exception error) => error switch
    {
        UnauthorizedAccessException => ("permission denied",
            "Check the folder's owner and permissions, and for an immutable or append-only file `lsattr`/`chattr -i`; or pass --out with a folder you can write."),
        PathTooLongException => ("the path is too long", "Pass --out with a shorter path."),
        DirectoryNotFoundException or FileNotFoundException => ("a folder on the way does not exist or cannot hold files",
            "Pass --out with a path on an ordinary file system (not /proc or /sys)."),
        IOException { HResult: 28 } => ("no space left on the file system", "Free some space, or pass --out on another file system."),
        IOException { HResult: 122 } => ("the disk quota is exceeded", "Free some space, or pass --out on another file system."),
        IOException { HResult: 30 } => ("the file system is read-only", "Pass --out on a writable file system."),
        IOException { HResult: 20 } => ("a part of the path is a file, not a folder", "Pass --out with a path whose parents are all folders."),
        IOException { HResult: 21 } => ("a folder is in the way where a file is written", "Pass --out with a new or empty folder."),
        IOException { HResult: 16 } => ("the folder is busy (a mount point cannot be replaced)", "Pass --out with a folder inside the mount point."),
        IOException { HResult: 18 } => ("the staging folder and the target are on different file systems", "Pass --out with a folder whose parent is on the same file system."),
        _ => (Excerpt.Plain(error.Message.ReplaceLineEndings(" "), 200).TrimEnd('.'),
            "Check the path, its permissions and the file system, or pass --out with another folder."),
    };
}
