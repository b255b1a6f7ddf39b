using Microsoft.Win32.SafeHandles;
using Palisade.Components.Diagnostics;
using Palisade.Stacks.Parsing;

namespace Palisade.Infra.Input;

/// <summary>
/// Reads input files within <see cref="ParseLimits"/>: only regular files are opened (a FIFO, a device or a directory
/// is refused without ever being opened blocking), the size is checked before reading and the bytes are decoded as
/// strict UTF-8 (<see cref="StrictText"/>).
/// </summary>
internal static class InputFile
{
    /// <summary>The kind, size and identity of a path with symlinks followed; null when nothing is there.</summary>
    /// <exception cref="InputError">The path cannot be examined (no permission, a name too long).</exception>
    public static FileStatus? Status(string path, string shownAs)
    {
        if (!OperatingSystem.IsLinux())
        {
            return PortableStatus(path);
        }

        var status = NativeStat.Stat(path, out var errno);
        return errno switch
        {
            0 => status,
            2 /* ENOENT */ or 20 /* ENOTDIR */ => null,
            40 /* ELOOP */ => new FileStatus(FileKind.SymlinkLoop, 0, path),
            _ => throw Unreadable(shownAs, errno),
        };
    }

    /// <summary>The file's text, decoded as strict UTF-8.</summary>
    /// <exception cref="InputError">The path is missing or not a regular file, too large, unreadable, or not clean UTF-8 text.</exception>
    public static string ReadText(string path, string shownAs, ParseLimits limits) =>
        StrictText.Decode(ReadBytes(path, shownAs, limits), shownAs, limits);

    /// <exception cref="InputError">The path is missing or not a regular file, too large or unreadable.</exception>
    public static byte[] ReadBytes(string path, string shownAs, ParseLimits limits)
    {
        var status = Status(path, shownAs) ?? throw new InputError(shownAs, "the file does not exist", "Check the path");
        RequireRegular(status, shownAs, limits);
        if (!OperatingSystem.IsLinux())
        {
            using var stream = File.OpenRead(path);
            return ReadAll(stream.SafeFileHandle, shownAs, limits);
        }

        // Type checked again on the descriptor: the path may have been swapped for a FIFO since the first look.
        var fd = NativeStat.OpenNonBlocking(path, out var errno);
        if (fd < 0)
        {
            throw Unreadable(shownAs, errno);
        }

        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        var opened = NativeStat.StatDescriptor(fd, out errno) ?? throw Unreadable(shownAs, errno);
        RequireRegular(opened, shownAs, limits);
        return ReadAll(handle, shownAs, limits);
    }

    /// <summary>Refuses anything but a regular file within the size limit, from its status alone.</summary>
    /// <exception cref="InputError">The file is not a regular file, or larger than the limit.</exception>
    public static void RequireRegular(FileStatus status, string shownAs, ParseLimits limits)
    {
        if (status.Kind != FileKind.Regular)
        {
            throw new InputError(shownAs, $"is {status.Describe()}, not a regular file", $"Pass {limits.Kind} as a regular file");
        }

        if (status.Size > limits.MaxBytes)
        {
            throw TooLarge(shownAs, status.Size, limits);
        }
    }

    private static byte[] ReadAll(SafeFileHandle handle, string shownAs, ParseLimits limits)
    {
        try
        {
            // One byte more than the limit tells a file that grew past it since the size was checked.
            var buffer = new byte[Math.Min(limits.MaxBytes + 1, Math.Max(RandomAccess.GetLength(handle) + 1, 4096))];
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length > limits.MaxBytes)
                    {
                        throw TooLarge(shownAs, buffer.Length, limits);
                    }

                    Array.Resize(ref buffer, (int)Math.Min(limits.MaxBytes + 1, buffer.Length * 2L));
                }

                var read = RandomAccess.Read(handle, buffer.AsSpan(total), total);
                if (read == 0)
                {
                    return buffer[..total];
                }

                total += read;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputError(shownAs, $"the file cannot be read ({e.Message})", "Check that the file is readable");
        }
    }

    private static InputError TooLarge(string shownAs, long size, ParseLimits limits) =>
        new(shownAs, size > limits.MaxBytes + 1
                ? $"the file is {ParseLimits.Size(size)}, more than the {ParseLimits.Size(limits.MaxBytes)} {limits.Kind} may have"
                : $"the file is larger than the {ParseLimits.Size(limits.MaxBytes)} {limits.Kind} may have",
            "Check that this is the right file; split or shorten it");

    private static InputError Unreadable(string shownAs, int errno) =>
        new(shownAs, $"the file cannot be read ({NativeStat.Describe(errno)})", "Check that the file exists and is readable");

    /// <summary>Outside Linux: .NET's view, which tells directories from files but not FIFOs or devices from files.</summary>
    private static FileStatus? PortableStatus(string path)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists)
        {
            return null;
        }

        var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
        return new FileStatus(info is DirectoryInfo ? FileKind.Directory : FileKind.Regular,
            info is FileInfo file ? file.Length : 0, Path.GetFullPath(target.FullName));
    }
}
