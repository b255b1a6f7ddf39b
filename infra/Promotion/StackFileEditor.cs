using Palisade.Components.Diagnostics;
using Palisade.Infra.Emit;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Palisade.Infra.Promotion;

/// <summary>
/// Sets (or removes) scalar keys under <c>config:</c> in a stack file's text, the way <c>pulumi config set</c> would
/// but without re-serializing: the file is parsed, the positions YamlDotNet reports for the <c>config</c> mapping and
/// its keys say where to splice, and everything else (comments, key order, quoting, line endings, secure values)
/// is left byte for byte. The result is parsed again and must be the original plus exactly the requested change
/// (<see cref="StackFileEditCheck"/>); anything the editor cannot change safely is refused with an <see cref="InputError"/>.
/// </summary>
internal static class StackFileEditor
{
    private const string ConfigKey = "config";
    private static readonly HashSet<string> NullWords = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };

    /// <summary>Sets every key to its value; returns <paramref name="text"/> itself when every value is already set.</summary>
    public static string Set(string text, IReadOnlyDictionary<string, string> values, string fileName = "stack file") =>
        Edit(text, values.ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal), fileName);

    /// <summary>A null value removes the key. Keys are applied in ordinal order, new ones appended after the last entry.</summary>
    /// <exception cref="InputError">The file does not parse, or its <c>config</c> cannot be edited safely.</exception>
    public static string Edit(string text, IReadOnlyDictionary<string, string?> changes, string fileName)
    {
        var events = StackFileEditCheck.Parse(text, fileName, "cannot be edited");
        var eol = LineEnding(text);
        var ordered = changes.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        var splices = new List<Splice>();

        var documents = events.Count(e => e is DocumentStart);
        if (documents > 1)
        {
            throw Refuse(fileName, "it holds more than one YAML document", "Keep one document (remove the extra `---` sections).");
        }

        var toSet = ordered.Where(c => c.Value is not null).Select(c => (c.Key, Value: c.Value!)).ToList();
        if (documents == 0 || IsEmptyDocument(events))
        {
            if (toSet.Count > 0)
            {
                var prefix = text.Length > 0 && text[^1] != '\n' ? eol : string.Empty;
                splices.Add(new Splice(text.Length, text.Length, prefix + ConfigKey + ":" + eol + Lines(toSet, "  ", eol)));
                return StackFileEditCheck.Verified(text, Apply(text, splices), changes, fileName);
            }

            return text;
        }

        var rootIndex = events.FindIndex(e => e is DocumentStart) + 1;
        if (events[rootIndex] is not MappingStart root)
        {
            throw Refuse(fileName, "its top level is not a mapping", "A Pulumi stack file is a mapping with a `config:` key.");
        }

        var rootPairs = Pairs(events, rootIndex);
        var configPairs = rootPairs.Where(p => events[p.Key] is Scalar { Value: ConfigKey }).ToList();
        if (configPairs.Count > 1)
        {
            throw Refuse(fileName, "it has more than one `config:` key", "Merge them into one.");
        }

        if (configPairs.Count == 0)
        {
            if (toSet.Count > 0)
            {
                if (root.Style == MappingStyle.Flow)
                {
                    throw Refuse(fileName, "its top level is written in flow style ({...}) without a `config` key", "Add `config:` by hand.");
                }

                var at = AfterLineOf(text, ContentEnd(events, rootIndex, End(events, rootIndex)), out var needsBreak);
                var indent = Indent(events[rootIndex + 1]);
                splices.Add(new Splice(at, at, (needsBreak ? eol : string.Empty) + indent + ConfigKey + ":" + eol + Lines(toSet, indent + "  ", eol)));
            }

            return Finish(text, splices, changes, fileName);
        }

        var (configKeyIndex, configValueIndex) = configPairs[0];
        switch (events[configValueIndex])
        {
            case Scalar { Style: ScalarStyle.Plain } nothing when NullWords.Contains(nothing.Value) && nothing.Tag.IsEmpty && nothing.Anchor.IsEmpty:
                if (toSet.Count > 0)
                {
                    if (root.Style == MappingStyle.Flow)
                    {
                        throw Refuse(fileName, "it is written in flow style ({...}) and `config` is empty", "Write `config:` as a block mapping by hand.");
                    }

                    var indent = Indent(events[configKeyIndex]) + "  ";
                    var at = AfterLineOf(text, (int)events[configKeyIndex].End.Index, out var needsBreak);
                    if (nothing.Value.Length > 0)
                    {
                        splices.Add(new Splice((int)nothing.Start.Index, (int)nothing.End.Index, string.Empty));
                    }

                    splices.Add(new Splice(at, at, (needsBreak ? eol : string.Empty) + Lines(toSet, indent, eol)));
                }

                return Finish(text, splices, changes, fileName);
            case MappingStart config:
                EditMapping(text, events, configValueIndex, config.Style == MappingStyle.Flow, ordered, eol, fileName, splices);
                return Finish(text, splices, changes, fileName);
            default:
                throw Refuse(fileName, "`config` is not a mapping", "Make `config:` a mapping of keys to values.");
        }
    }

    private static void EditMapping(string text, List<ParsingEvent> events, int mappingIndex, bool flow,
        List<KeyValuePair<string, string?>> changes, string eol, string fileName, List<Splice> splices)
    {
        var pairs = Pairs(events, mappingIndex);
        var appended = new List<(string Key, string Value)>();
        foreach (var (key, value) in changes)
        {
            var matches = pairs.Where(p => events[p.Key] is Scalar s && s.Value == key).ToList();
            if (matches.Count > 1)
            {
                throw Refuse(fileName, $"`{key}` appears more than once under config", "Keep one of them.");
            }

            if (matches.Count == 0)
            {
                if (value is not null)
                {
                    appended.Add((key, value));
                }

                continue;
            }

            var (keyIndex, valueIndex) = matches[0];
            var current = events[valueIndex];
            if (current is not (Scalar or AnchorAlias))
            {
                throw Refuse(fileName, $"`{key}` is not a plain value (it is a {(current is MappingStart ? "mapping, e.g. a secure value" : "list")})",
                    $"Remove `{key}` by hand; promote writes it.");
            }

            if (value is null)
            {
                splices.Add(Removal(text, events, keyIndex, valueIndex, flow, key, fileName));
            }
            else if (current is not Scalar existing || !StackFileEditCheck.ReadsAs(existing, value))
            {
                splices.Add(Replacement(text, current, value, flow));
            }
        }

        if (appended.Count == 0)
        {
            return;
        }

        var end = End(events, mappingIndex);
        if (flow)
        {
            var close = (int)events[end - 1].Start.Index;
            var before = text[..close].TrimEnd();
            var separator = before.EndsWith('{') || before.EndsWith(',') ? " " : ", ";
            var entries = string.Join(", ", appended.Select(a => $"{Key(a.Key)}: {YamlWriter.Quote(a.Value)}"));
            splices.Add(new Splice(before.Length, close, separator + entries + (close > before.Length ? text[before.Length..close] : string.Empty)));
            return;
        }

        var at = AfterLineOf(text, ContentEnd(events, mappingIndex, end), out var needsBreak);
        splices.Add(new Splice(at, at, (needsBreak ? eol : string.Empty) + Lines(appended, Indent(events[mappingIndex + 1]), eol)));
    }

    private static Splice Replacement(string text, ParsingEvent current, string value, bool flow)
    {
        var start = (int)current.Start.Index;
        var end = (int)current.End.Index;
        var style = current is Scalar s ? s.Style : ScalarStyle.Plain;
        var rendered = Render(value, style, flow);
        if (style is ScalarStyle.Literal or ScalarStyle.Folded)
        {
            // A block scalar's span runs past its last line break; keep that break and the blank lines after it.
            var span = text[start..end];
            var lastContent = span.TrimEnd().Length;
            var lineBreak = span.IndexOf('\n', lastContent);
            rendered += lineBreak < 0 ? string.Empty : span[(span[..lineBreak].EndsWith('\r') ? lineBreak - 1 : lineBreak)..];
        }

        var needsSpace = start > 0 && text[start - 1] == ':';
        return new Splice(start, end, (needsSpace ? " " : string.Empty) + rendered);
    }

    private static Splice Removal(string text, List<ParsingEvent> events, int keyIndex, int valueIndex, bool flow, string key, string fileName)
    {
        var keyStart = (int)events[keyIndex].Start.Index;
        if (flow)
        {
            // `key: value` and one comma next to it: the following one, else the preceding one.
            var end = ContentEnd(events, valueIndex, valueIndex + 1);
            var after = end;
            while (after < text.Length && text[after] is ' ' or '\t' or '\r' or '\n')
            {
                after++;
            }

            if (after < text.Length && text[after] == ',')
            {
                after++;
                while (after < text.Length && text[after] == ' ')
                {
                    after++;
                }

                return new Splice(keyStart, after, string.Empty);
            }

            var before = text[..keyStart].TrimEnd();
            return before.EndsWith(',') ? new Splice(before.Length - 1, end, string.Empty) : new Splice(keyStart, end, string.Empty);
        }

        var lineStart = text.LastIndexOf('\n', Math.Max(0, keyStart - 1)) + 1;
        if (keyStart == 0 && lineStart != 0 || text[lineStart..keyStart].Trim().Length > 0)
        {
            throw Refuse(fileName, $"`{key}` is not on a line of its own, so it cannot be removed safely", $"Remove `{key}` by hand.");
        }

        return new Splice(lineStart, AfterLineOf(text, ContentEnd(events, valueIndex, valueIndex + 1), out _), string.Empty);
    }

    private static string Finish(string text, List<Splice> splices, IReadOnlyDictionary<string, string?> changes, string fileName) =>
        splices.Count == 0 ? text : StackFileEditCheck.Verified(text, Apply(text, splices), changes, fileName);

    private static string Render(string value, ScalarStyle style, bool flow)
    {
        var plainSafe = YamlWriter.IsPlainSafe(value) && (!flow || value.IndexOfAny(['{', '}', '[', ']', ',']) < 0);
        var printable = value.All(c => !char.IsControl(c));
        return style switch
        {
            ScalarStyle.SingleQuoted when printable => "'" + value.Replace("'", "''") + "'",
            ScalarStyle.Plain when plainSafe => value,
            _ => YamlWriter.Quote(value),
        };
    }

    private static string Lines(IEnumerable<(string Key, string Value)> entries, string indent, string eol) =>
        string.Concat(entries.Select(e => $"{indent}{Key(e.Key)}: {Render(e.Value, ScalarStyle.Plain, flow: false)}{eol}"));

    private static string Key(string key) => YamlWriter.IsPlainSafe(key) ? key : YamlWriter.Quote(key);

    private static string Indent(ParsingEvent firstKey) => new(' ', Math.Max(0, (int)firstKey.Start.Column - 1));

    /// <summary>The pairs (key event index, value event index) of the mapping that starts at <paramref name="mappingIndex"/>.</summary>
    private static List<KeyValuePair<int, int>> Pairs(List<ParsingEvent> events, int mappingIndex)
    {
        var pairs = new List<KeyValuePair<int, int>>();
        var i = mappingIndex + 1;
        while (events[i] is not MappingEnd)
        {
            var value = End(events, i);
            pairs.Add(new KeyValuePair<int, int>(i, value));
            i = End(events, value);
        }

        return pairs;
    }

    /// <summary>The index just after the node that starts at <paramref name="index"/>.</summary>
    private static int End(List<ParsingEvent> events, int index)
    {
        var depth = 0;
        do
        {
            depth += events[index] switch
            {
                MappingStart or SequenceStart => 1,
                MappingEnd or SequenceEnd => -1,
                _ => 0,
            };
            index++;
        }
        while (depth > 0);

        return index;
    }

    /// <summary>Where the text of events [from, to) ends: block collection ends are positioned at the next token, so only scalars and flow brackets count.</summary>
    private static int ContentEnd(List<ParsingEvent> events, int from, int to)
    {
        var end = (int)events[from].Start.Index;
        for (var i = from; i < to; i++)
        {
            end = Math.Max(end, events[i] switch
            {
                Scalar or AnchorAlias => (int)events[i].End.Index,
                MappingEnd or SequenceEnd when IsFlowEnd(events, i) => (int)events[i].Start.Index + 1,
                _ => end,
            });
        }

        return end;
    }

    private static bool IsFlowEnd(List<ParsingEvent> events, int endIndex)
    {
        var depth = 0;
        for (var i = endIndex; i >= 0; i--)
        {
            depth += events[i] switch { MappingEnd or SequenceEnd => 1, MappingStart or SequenceStart => -1, _ => 0 };
            if (depth == 0)
            {
                return events[i] is MappingStart { Style: MappingStyle.Flow } or SequenceStart { Style: SequenceStyle.Flow };
            }
        }

        return false;
    }

    /// <summary>The start of the line after the one <paramref name="position"/> is on (itself when already at a line start).</summary>
    private static int AfterLineOf(string text, int position, out bool needsBreak)
    {
        needsBreak = false;
        if (position > 0 && position <= text.Length && text[position - 1] == '\n')
        {
            return position;
        }

        var lineBreak = text.IndexOf('\n', Math.Min(position, text.Length));
        if (lineBreak >= 0)
        {
            return lineBreak + 1;
        }

        needsBreak = text.Length > 0;
        return text.Length;
    }

    private static bool IsEmptyDocument(List<ParsingEvent> events)
    {
        var start = events.FindIndex(e => e is DocumentStart);
        return events[start + 1] is Scalar { Style: ScalarStyle.Plain, Value: "" } s && s.Tag.IsEmpty && s.Anchor.IsEmpty && events[start + 2] is DocumentEnd;
    }

    /// <summary>CRLF when most lines end with it, so a Windows-edited file stays Windows-style.</summary>
    private static string LineEnding(string text)
    {
        var crlf = 0;
        var lf = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                if (i > 0 && text[i - 1] == '\r')
                {
                    crlf++;
                }
                else
                {
                    lf++;
                }
            }
        }

        return crlf > lf ? "\r\n" : "\n";
    }

    private static string Apply(string text, List<Splice> splices)
    {
        var builder = new System.Text.StringBuilder(text.Length + 256);
        var at = 0;
        foreach (var splice in splices.OrderBy(s => s.Start).ThenBy(s => s.End))
        {
            builder.Append(text, at, splice.Start - at).Append(splice.Text);
            at = splice.End;
        }

        return builder.Append(text, at, text.Length - at).ToString();
    }

    internal static InputError Refuse(string fileName, string problem, string fix) =>
        new(fileName, $"promote cannot edit this file safely: {problem}", $"{fix} Nothing was written.");

    private sealed record Splice(int Start, int End, string Text);
}
