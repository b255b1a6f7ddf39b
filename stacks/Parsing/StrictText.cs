using System.Buffers;
using System.Text;
using Palisade.Components.Diagnostics;

namespace Palisade.Stacks.Parsing;

/// <summary>
/// Turns a file's bytes into text without ever replacing what it cannot read: invalid UTF-8, NUL and other control
/// characters are refused with their position, instead of being silently turned into U+FFFD or passed on.
/// A UTF-8 byte order mark is accepted and dropped.
/// </summary>
internal static class StrictText
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>C0 and C1 controls and DEL, which YAML does not allow unescaped; tab, LF, CR and NEL are line structure.</summary>
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
        Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c).Where(c => c is not ('\t' or '\n' or '\r' or '\u0085')).ToArray());

    /// <exception cref="InputError">The bytes are too many, not UTF-8, or hold a control character.</exception>
    public static string Decode(ReadOnlySpan<byte> bytes, string source, ParseLimits limits)
    {
        CheckSize(bytes.Length, source, limits);
        if (bytes.StartsWith(Utf8Bom))
        {
            bytes = bytes[Utf8Bom.Length..];
        }
        else if (bytes.StartsWith((byte[])[0xFF, 0xFE]) || bytes.StartsWith((byte[])[0xFE, 0xFF]) || bytes.StartsWith((byte[])[0, 0, 0xFE, 0xFF]))
        {
            throw new InputError(source, "the file is UTF-16 or UTF-32 (it starts with such a byte order mark)", "Save it as UTF-8");
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            var offset = FirstInvalidByte(bytes);
            var (line, column) = Position(Encoding.UTF8.GetString(bytes[..offset]));
            throw new InputError($"{source}: line {line}, column {column} (byte offset {offset})",
                $"the file is not valid UTF-8 (byte 0x{bytes[offset]:X2})", "Save the file as UTF-8 text");
        }

        var text = Encoding.UTF8.GetString(bytes);
        Check(text, source, limits);
        return text;
    }

    /// <summary>Refuses text that is too large or holds NUL or another control character (tab, CR and LF are fine).</summary>
    /// <exception cref="InputError">The text is too large or holds a control character.</exception>
    public static void Check(string text, string source, ParseLimits limits)
    {
        if ((long)text.Length * 3 > limits.MaxBytes)
        {
            CheckSize(Encoding.UTF8.GetByteCount(text), source, limits);
        }

        var index = text.AsSpan().IndexOfAny(Forbidden);
        if (index >= 0)
        {
            var (line, column) = Position(text[..index]);
            var what = text[index] == '\0' ? "a NUL character (U+0000)" : $"the control character U+{(int)text[index]:X4}";
            throw new InputError($"{source}: line {line}, column {column}", $"the text contains {what}",
                "Remove it; write control characters only as escapes inside double quotes (\"\\t\", \"\\u0007\")");
        }
    }

    private static void CheckSize(long bytes, string source, ParseLimits limits)
    {
        if (bytes > limits.MaxBytes)
        {
            throw new InputError(source, $"the input is {ParseLimits.Size(bytes)}, more than the {ParseLimits.Size(limits.MaxBytes)} {limits.Kind} may have",
                "Check that this is the right file; split or shorten it");
        }
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length && System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }

    /// <summary>1-based line and column just after <paramref name="before"/>.</summary>
    private static (int Line, int Column) Position(string before)
    {
        var lastBreak = before.LastIndexOf('\n');
        return (before.Count(c => c == '\n') + 1, before.Length - lastBreak);
    }
}
