using Palisade.Components.Diagnostics;

namespace Palisade.Infra.Synthesis;

/// <summary>
/// <c>.palisade-output</c>: the file that makes a folder synth's own. Line 1 is <c>palisade-output &lt;version&gt;</c>,
/// then every file synth wrote there, one relative path a line ('/'-separated, sorted). A folder is replaced only when
/// everything in it is listed, so a file the user put there is never deleted.
/// </summary>
internal static class OutputMarker
{
    public const string File = ".palisade-output";
    public const int Version = 1;
    private const string Header = "palisade-output ";

    public static string Render(IEnumerable<string> files) =>
        $"{Header}{Version}\n" + string.Concat(files.Order(StringComparer.Ordinal).Select(f => f + "\n"));

    /// <summary>The files a marker lists.</summary>
    /// <exception cref="InputError">Not a marker, a newer version, or an entry that is not a plain relative path.</exception>
    public static IReadOnlySet<string> Parse(string path, string text)
    {
        var lines = text.Split('\n');
        if (!lines[0].StartsWith(Header, StringComparison.Ordinal) || !int.TryParse(lines[0].AsSpan(Header.Length), out var version))
        {
            throw new InputError(path, "is not a palisade output marker, so the folder is not synth's own",
                "Pass --out with a new or empty folder, or delete the folder yourself if it is yours to delete.");
        }

        if (version != Version)
        {
            throw new InputError(path, $"was written by another palisade version (format {version}; this one reads {Version})",
                "Synthesize into a new or empty folder, or delete this output yourself.");
        }

        var files = lines.Skip(1).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
        if (files.FirstOrDefault(f => !IsPlainRelative(f)) is { } bad)
        {
            throw new InputError(path, $"lists '{Excerpt.Plain(bad)}', which is not a plain relative path (the marker was edited)",
                "Synthesize into a new or empty folder, or delete this output yourself.");
        }

        return files;
    }

    public static bool IsPlainRelative(string path) =>
        path.Length > 0 && !path.StartsWith('/') && !path.Any(char.IsControl) && !path.Contains('\\') &&
        path.Split('/').All(part => part is not ("" or "." or ".."));
}
