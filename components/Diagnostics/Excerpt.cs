namespace Palisade.Components.Diagnostics;

/// <summary>Quotes user input in messages: a huge value is cut, so one error line stays readable.</summary>
internal static class Excerpt
{
    public const int MaxLength = 80;

    /// <summary>
    /// The value in single quotes, control characters escaped; longer than <see cref="MaxLength"/> characters it is cut
    /// and the full length is given.
    /// </summary>
    public static string Quote(string value)
    {
        var shown = value.Length <= MaxLength ? value : value[..(MaxLength - 3)];
        var escaped = string.Concat(shown.Select(Escape));
        return value.Length <= MaxLength ? $"'{escaped}'" : $"'{escaped}...' ({value.Length:N0} characters)";
    }

    /// <summary>The value as it is when short and printable (names in locations), else <see cref="Quote"/>d.</summary>
    public static string Short(string value) =>
        value.Length <= MaxLength && !value.Any(c => char.IsControl(c) || char.IsSurrogate(c)) ? value : Quote(value);

    /// <summary>The value unquoted for the middle of a sentence: control characters escaped, cut after <paramref name="max"/> characters.</summary>
    public static string Plain(string value, int max = 60)
    {
        var shown = string.Concat((value.Length > max ? value[..max] : value).Select(Escape));
        return value.Length > max ? shown + "..." : shown;
    }

    private static string Escape(char c) => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ when char.IsControl(c) || char.IsSurrogate(c) => $"\\u{(int)c:X4}",
        _ => c.ToString(),
    };
}
