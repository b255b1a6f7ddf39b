using Palisade.Components.Diagnostics;

namespace Palisade.Infra.Manifests;

/// <summary>
/// Reads every .yaml, .yml and .json file under a directory, recursively and in sorted path order, into a cluster
/// model. Use <see cref="Parse"/> to analyse manifests that are only in memory.
/// </summary>
public static class ManifestDirectoryReader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <exception cref="InputError">The directory is missing, or a Kubernetes object in it is malformed.</exception>
    public static ManifestReadResult Read(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new InputError(directory, "the manifest directory does not exist",
                "Pass a directory that contains Kubernetes manifests (.yaml, .yml or .json)");
        }

        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => new ManifestFile(f, ReadText(f)))
            .ToList();
        return Parse(files);
    }

    private static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputError(path, $"the file cannot be read ({e.Message})", "Check that the file exists and is readable");
        }
    }

    /// <summary>Parses manifests given as (path, text) pairs; paths only name the files in messages and set the order.</summary>
    /// <exception cref="InputError">A Kubernetes object is malformed.</exception>
    public static ManifestReadResult Parse(IEnumerable<ManifestFile> files) => ManifestParser.Parse(files);
}
