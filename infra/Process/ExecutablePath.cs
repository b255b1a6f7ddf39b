namespace Palisade.Infra.Process;

/// <summary>Finds a program the way <c>execvp</c> would: a path with a separator as given, else the first match on PATH.</summary>
internal static class ExecutablePath
{
    public static string? Find(string executable, string? pathVariable)
    {
        if (executable.Length == 0)
        {
            return null;
        }

        if (executable.Contains(Path.DirectorySeparatorChar) || executable.Contains(Path.AltDirectorySeparatorChar))
        {
            return IsExecutable(executable) ? Path.GetFullPath(executable) : null;
        }

        foreach (var folder in (pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(folder.Length == 0 ? "." : folder, executable);
            if (IsExecutable(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    private static bool IsExecutable(string path)
    {
        try
        {
            return File.Exists(path) && (OperatingSystem.IsWindows() ||
                (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
