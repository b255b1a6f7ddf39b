using Palisade.Components.Diagnostics;

namespace Palisade.Infra.Synthesis;

/// <summary>Decides whether an existing folder may be replaced: it is new, empty, or holds only what synth wrote there.</summary>
internal static class OutputOwnership
{
    private const string Instead = "Pass --out with a new or empty folder (or the folder a previous synth wrote), or move your files away first.";

    /// <exception cref="InputError">The path is a file, or a folder holding anything synth did not write.</exception>
    public static void Check(string target)
    {
        var info = new DirectoryInfo(target);
        if (System.IO.File.Exists(target))
        {
            throw new InputError(target, "is a file, not a folder", "Pass --out with a folder path.");
        }

        if (!info.Exists || !info.EnumerateFileSystemInfos().Any())
        {
            return;
        }

        var markerPath = Path.Join(target, OutputMarker.File);
        var marker = new FileInfo(markerPath);
        if (!marker.Exists || marker.LinkTarget is not null)
        {
            throw new InputError(target, $"is not empty and was not written by synth (it has no {OutputMarker.File})", Instead);
        }

        var listed = OutputMarker.Parse(markerPath, System.IO.File.ReadAllText(markerPath));
        var folders = listed.SelectMany(Ancestors).ToHashSet(StringComparer.Ordinal);
        if (Foreign(info, "", listed, folders) is { } foreign)
        {
            throw new InputError(target, $"holds '{Excerpt.Plain(foreign)}', which synth did not write", Instead);
        }
    }

    /// <summary>The nearest existing folder above the target must be a folder, not a file that is in the way.</summary>
    /// <exception cref="InputError">A file stands where the path needs a folder.</exception>
    public static void CheckParents(string target)
    {
        for (var parent = Path.GetDirectoryName(target); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (Directory.Exists(parent))
            {
                return;
            }

            if (Path.Exists(parent))
            {
                throw new InputError(target, $"{parent} is a file, not a folder", "Pass --out with a path whose parents are all folders.");
            }
        }
    }

    /// <summary>The first entry (depth first) that is neither a listed file nor a folder on the way to one.</summary>
    private static string? Foreign(DirectoryInfo folder, string prefix, IReadOnlySet<string> files, IReadOnlySet<string> folders)
    {
        foreach (var entry in folder.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var relative = prefix + entry.Name;
            if (relative == OutputMarker.File)
            {
                continue;
            }

            var isLink = entry.LinkTarget is not null;
            if (entry is DirectoryInfo directory && !isLink)
            {
                if (!folders.Contains(relative))
                {
                    return relative + "/";
                }

                if (Foreign(directory, relative + "/", files, folders) is { } inner)
                {
                    return inner;
                }
            }
            else if (isLink || entry is not FileInfo || !files.Contains(relative))
            {
                return relative;
            }
        }

        return null;
    }

    private static IEnumerable<string> Ancestors(string file)
    {
        for (var slash = file.IndexOf('/'); slash >= 0; slash = file.IndexOf('/', slash + 1))
        {
            yield return file[..slash];
        }
    }
}
