using Palisade.Components.Diagnostics;
using Palisade.Infra.Input;
using Palisade.Stacks.Parsing;

namespace Palisade.Infra.Manifests;

/// <summary>
/// Reads every .yaml, .yml and .json file under a directory, recursively and in sorted path order, into a cluster
/// model. Use <see cref="Parse"/> to analyse manifests that are only in memory.
/// </summary>
public static class ManifestDirectoryReader
{
    /// <summary>
    /// Reads the manifests under <paramref name="directory"/>. Special files, dangling links and symlink loops are
    /// skipped with a note; each file is read within <see cref="ParseLimits.Manifest"/>.
    /// </summary>
    /// <param name="directory">The folder to read.</param>
    /// <param name="strict">Whether a defect the analysis can do without (see <see cref="ManifestReadResult.Warnings"/>) is an error too.</param>
    /// <exception cref="InputError">The directory is missing or not a directory, or a file in it is unreadable, too large, not clean UTF-8, or malformed.</exception>
    public static ManifestReadResult Read(string directory, bool strict = false)
    {
        var (paths, notes) = ManifestFileFinder.Find(directory);
        var files = paths.Select(p => new ManifestFile(p, InputFile.ReadText(p, p, ParseLimits.Manifest))).ToList();
        var parsed = Parse(files, strict);
        return parsed with { Notes = [.. notes, .. parsed.Notes] };
    }

    /// <summary>Parses manifests given as (path, text) pairs; paths only name the files in messages and set the order.</summary>
    /// <exception cref="InputError">A Kubernetes object is malformed (or, when <paramref name="strict"/>, has any defect).</exception>
    public static ManifestReadResult Parse(IEnumerable<ManifestFile> files, bool strict = false) => ManifestParser.Parse(files, strict);
}
