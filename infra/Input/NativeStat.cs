using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Palisade.Infra.Input;

/// <summary>
/// Linux statx(2) and a non-blocking open(2). .NET reports FIFOs and devices as "Normal" files and opens them blocking
/// (a FIFO with no writer blocks forever), so the file type has to come from the kernel itself. The statx structure
/// has the same layout on every Linux architecture.
/// </summary>
internal static class NativeStat
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxSize = 256;
    private const int OpenReadOnlyNonBlocking = 0x800 /* O_NONBLOCK */ | 0x80000 /* O_CLOEXEC */ | 0x100 /* O_NOCTTY */;

    /// <summary>The status of <paramref name="path"/> (symlinks followed), or the errno that statx returned.</summary>
    public static FileStatus? Stat(string path, out int errno) => Statx(AtFdCwd, NullTerminated(path), 0, out errno);

    /// <summary>Opens for reading without blocking on a FIFO or device; returns -1 and the errno on failure.</summary>
    public static int OpenNonBlocking(string path, out int errno)
    {
        var fd = Open(NullTerminated(path), OpenReadOnlyNonBlocking);
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd;
    }

    /// <summary>The status of an open descriptor (what was really opened, whatever the path points to now).</summary>
    public static FileStatus? StatDescriptor(int fd, out int errno) => Statx(fd, [0], AtEmptyPath, out errno);

    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    private static FileStatus? Statx(int dirfd, byte[] path, int flags, out int errno)
    {
        var buffer = new byte[StatxSize];
        if (StatxCall(dirfd, path, flags, StatxBasicStats, buffer) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }

        errno = 0;
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28));
        var inode = BitConverter.ToUInt64(buffer, 32);
        var size = BitConverter.ToInt64(buffer, 40);
        var deviceMajor = BitConverter.ToUInt32(buffer, 136);
        var deviceMinor = BitConverter.ToUInt32(buffer, 140);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
        return new FileStatus(kind, size, $"{deviceMajor}:{deviceMinor}:{inode}");
    }

    private static byte[] NullTerminated(string path) => Encoding.UTF8.GetBytes(path + "\0");

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int StatxCall(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags);
}
