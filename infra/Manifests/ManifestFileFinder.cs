using Palisade.Components.Diagnostics;
using Palisade.Infra.Input;
using Palisade.Stacks.Parsing;

namespace Palisade.Infra.Manifests;

/// <summary>
/// Finds the manifest files (.yaml, .yml, .json) under a directory. Each real folder and file is visited once, so
/// symlink loops end; FIFOs, devices, sockets, dangling links and links that loop are skipped with a note, never opened.
/// </summary>
internal static class ManifestFileFinder
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <returns>The files in ordinal path order, and notes about what was skipped.</returns>
    /// <exception cref="InputError">The directory is missing or not a directory, or a folder in it cannot be listed.</exception>
    public static (IReadOnlyList<string> Files, IReadOnlyList<string> Notes) Find(string directory)
    {
        var root = InputFile.Status(directory, directory);
        if (root is null)
        {
            throw new InputError(directory, "the manifest directory does not exist",
                "Pass a directory that contains Kubernetes manifests (.yaml, .yml or .json)");
        }

        if (root.Kind != FileKind.Directory)
        {
            throw new InputError(directory, $"is {(root.Kind == FileKind.Regular ? "a file" : root.Describe())}, not a directory",
                "Pass the directory that holds the manifests (for one file, the folder it is in)");
        }

        var folders = new Dictionary<string, string>(StringComparer.Ordinal) { [root.Identity] = directory };
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var found = new List<string>();
        var total = 0L;
        var notes = new List<(string Path, string Note)>();
        var pending = new Stack<string>([directory]);
        while (pending.TryPop(out var folder))
        {
            foreach (var entry in List(folder))
            {
                var isManifest = Extensions.Contains(Path.GetExtension(entry), StringComparer.OrdinalIgnoreCase);
                var status = InputFile.Status(entry, entry);
                switch (status?.Kind)
                {
                    case null when isManifest:
                        notes.Add((entry, "skipped, a symlink whose target does not exist"));
                        break;
                    case FileKind.Directory when folders.TryGetValue(status.Identity, out var first):
                        notes.Add((entry, $"skipped, the same folder as {first} (a symlink loop or a second link to it)"));
                        break;
                    case FileKind.Directory:
                        folders[status.Identity] = entry;
                        pending.Push(entry);
                        break;
                    case FileKind.Regular when isManifest && files.TryGetValue(status.Identity, out var first):
                        notes.Add((entry, $"skipped, the same file as {first}"));
                        break;
                    case FileKind.Regular when isManifest:
                        InputFile.RequireRegular(status, entry, ParseLimits.Manifest);
                        files[status.Identity] = entry;
                        found.Add(entry);
                        total += status.Size;
                        if (total > ParseLimits.MaxManifestFolderBytes)
                        {
                            throw new InputError(directory, $"the manifest files add up to more than {ParseLimits.Size(ParseLimits.MaxManifestFolderBytes)} (at {entry})",
                                "Analyse a smaller folder, or check for files that are not manifests");
                        }

                        break;
                    case FileKind.SymlinkLoop:
                        notes.Add((entry, $"skipped, {status.Describe()}"));
                        break;
                    case FileKind.Fifo or FileKind.CharacterDevice or FileKind.BlockDevice or FileKind.Socket or FileKind.Other when isManifest:
                        notes.Add((entry, $"skipped, {status.Describe()} is not a regular file"));
                        break;
                }
            }
        }

        return (found.Order(StringComparer.Ordinal).ToList(),
            notes.OrderBy(n => n.Path, StringComparer.Ordinal).Select(n => $"{n.Path}: {n.Note}").ToList());
    }

    private static IEnumerable<string> List(string folder)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputError(folder, $"the folder cannot be listed ({e.Message})", "Check that it exists and is readable");
        }
    }
}
