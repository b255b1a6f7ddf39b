using System.Text;
using Palisade.Components.Diagnostics;

namespace Palisade.Infra.Init;

/// <summary>
/// Writes a new repository into a folder that is missing or empty. Nothing is ever overwritten: a folder with
/// anything in it is refused before a file is written, and each file is created exclusively.
/// </summary>
internal static class RepositoryWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <exception cref="InputError">The target is a file or a folder that is not empty.</exception>
    public static void RequireNew(string target, string shownAs)
    {
        if (File.Exists(target))
        {
            throw new InputError(shownAs, "is a file, not a folder", "Name a new or empty folder for the repository");
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new InputError(shownAs, "is not empty; init never overwrites anything",
                "Name a new or empty folder, e.g. `palisade init ../acme-platform`, or move its contents away");
        }
    }

    /// <exception cref="InputError">The target is a file or a folder that is not empty.</exception>
    public static void Write(string target, string shownAs, IReadOnlyList<TemplateFile> files)
    {
        RequireNew(target, shownAs);
        foreach (var file in files)
        {
            var path = Path.Combine(target, file.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(Utf8.GetBytes(file.Text.ReplaceLineEndings("\n")));
            }

            if (file.Executable && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }
    }
}
