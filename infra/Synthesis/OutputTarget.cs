using Palisade.Components.Diagnostics;

namespace Palisade.Infra.Synthesis;

/// <summary>
/// Where an output folder may go. The path is resolved as the kernel would (every symbolic link on the way, then
/// '..'), and the rules apply to the real folder: never '/', the home folder or one of its ancestors, the project
/// folder (the one with Pulumi.yaml) or one of its ancestors, nor anything inside a .git folder.
/// </summary>
internal static class OutputTarget
{
    private const int MaxLinks = 40; // Linux's own limit (ELOOP)

    /// <param name="path">The folder as the user wrote it; relative to <paramref name="workingDirectory"/>.</param>
    /// <param name="project">The project folder to protect, when known.</param>
    /// <param name="home">The user's home folder, when known.</param>
    /// <returns>The real, absolute folder to write.</returns>
    /// <exception cref="InputError">The path is empty, malformed, a link loop, or a protected folder.</exception>
    public static string Resolve(string path, string workingDirectory, string? project, string? home)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InputError("--out ''", "the path is empty", "Pass a folder, e.g. --out out/dev, or leave --out away for out/<stack>.");
        }

        if (path.Any(char.IsControl))
        {
            throw new InputError($"--out '{Excerpt.Plain(path)}'", "the path contains a control character", "Pass a plain folder path.");
        }

        var real = RealPath(Path.IsPathRooted(path) ? path : Path.Join(workingDirectory, path), path);
        Refuse(real, path, project is null ? null : RealPath(project, project), home is null ? null : RealPath(home, home));
        return real;
    }

    private static void Refuse(string real, string asGiven, string? project, string? home)
    {
        var shown = real == asGiven ? real : $"{asGiven} (resolves to {real})";
        const string Instead = "Pass --out with a folder of its own, e.g. --out out/dev (the default is out/<stack> in the project).";
        if (real == Path.GetPathRoot(real))
        {
            throw new InputError(shown, "is the root folder", Instead);
        }

        if (real.Split(Path.DirectorySeparatorChar).Contains(".git", StringComparer.Ordinal))
        {
            throw new InputError(shown, "is inside a .git folder (git's own data)", Instead);
        }

        if (home is not null && IsAtOrAbove(real, home))
        {
            throw new InputError(shown, real == home ? "is your home folder" : $"holds your home folder {home}", Instead);
        }

        if (project is not null && IsAtOrAbove(real, project))
        {
            throw new InputError(shown, real == project ? "is the project folder (it holds Pulumi.yaml and the sources)" : $"holds the project folder {project}", Instead);
        }
    }

    private static bool IsAtOrAbove(string folder, string other) =>
        other == folder || other.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Like realpath(3), but the tail of the path need not exist yet.</summary>
    internal static string RealPath(string absolute, string asGiven)
    {
        var pending = new Stack<string>(Parts(absolute).Reverse());
        var current = Path.GetPathRoot(absolute) ?? "/";
        var root = current;
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }

            var next = Path.Join(current, part);
            var link = LinkTarget(next);
            if (link is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new InputError(Excerpt.Plain(asGiven, 200), $"more than {MaxLinks} symbolic links on the way (a link loop?)", "Fix the links, or pass --out with another folder.");
            }

            foreach (var linked in Parts(link).Reverse())
            {
                pending.Push(linked);
            }

            if (Path.IsPathRooted(link))
            {
                current = Path.GetPathRoot(link) ?? root;
            }
        }

        return current;
    }

    /// <summary>Null when the path is not a link, does not exist, or cannot be looked at (writing it will say why).</summary>
    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (FileSystemErrors.IsFileSystemError(e))
        {
            return null;
        }
    }

    private static string[] Parts(string path) => path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
}
