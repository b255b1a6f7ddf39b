namespace Palisade.Infra.Input;

/// <summary>What a path is once symlinks are followed. Only regular files are ever opened for reading.</summary>
internal enum FileKind
{
    Regular,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    /// <summary>A chain of symlinks that never ends (ELOOP).</summary>
    SymlinkLoop,
    Other,
}

/// <summary>A path's kind, size and identity (device and inode on Linux), so a walk can visit each real file once.</summary>
internal sealed record FileStatus(FileKind Kind, long Size, string Identity)
{
    public string Describe() => Kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.SymlinkLoop => "a symlink loop (too many levels of symbolic links)",
        _ => "a special file",
    };
}
