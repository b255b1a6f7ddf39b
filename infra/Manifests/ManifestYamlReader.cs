using System.Buffers;
using System.Text;
using Palisade.Stacks.Parsing;
using YamlDotNet.Core;

namespace Palisade.Infra.Manifests;

/// <summary>
/// Reads the YAML that manifests are written in — block mappings and sequences, one-line flow collections, plain,
/// quoted, literal and folded scalars, comments, <c>---</c>/<c>...</c> documents, anchors, aliases and <c>!!</c> tags —
/// straight into the flat node lists, without YamlDotNet's scanner, parser and the checks over its events. It accepts only
/// what it reads exactly as YamlDotNet does within <see cref="ParseLimits"/>: anything else (another construct, a
/// syntax error, a broken limit) makes it give up on the file, and the caller reads the file with the checked
/// YamlDotNet parser, which gives the same nodes or the error, with its position, as before.
/// </summary>
internal sealed class ManifestYamlReader
{
    /// <summary>Characters after which the reader gives up on the whole file: tabs, other line breaks, a byte order mark.</summary>
    private static readonly SearchValues<char> Unhandled = SearchValues.Create("\t\r\u0085\u2028\u2029\uFEFF");

    private static readonly SearchValues<char> PlainStops = SearchValues.Create(":#");

    private static readonly SearchValues<char> FlowStops = SearchValues.Create(":#,[]{}");

    private readonly string t;
    private readonly ParseLimits limits;
    private readonly ManifestDocument.Builder builder = new();
    private readonly Dictionary<string, (int Index, long Size)> anchors = new(StringComparer.Ordinal);
    private readonly List<string> openAnchors = [];
    private readonly Dictionary<string, string> keyCache = new(StringComparer.Ordinal);

    // The current line: its start, its end (the index of its '\n', or the text's length) and its 1-based number.
    private int ls;
    private int le;
    private int ln;
    private int depth;
    private long aliasNodes;

    private ManifestYamlReader(string text, ParseLimits limits)
    {
        t = text;
        this.limits = limits;
    }

    /// <summary>The documents of <paramref name="text"/>, or null when the checked YamlDotNet parser must read it.</summary>
    public static List<ManifestDocument>? TryRead(string text, ParseLimits limits)
    {
        if (text.AsSpan().ContainsAny(Unhandled))
        {
            return null;
        }

        var reader = new ManifestYamlReader(text, limits);
        try
        {
            reader.Stream();
            return reader.builder.Documents;
        }
        catch (Unsupported)
        {
            return null;
        }
    }

    private bool Eof => ls >= t.Length;

    private static Unsupported GiveUp() => new();

    private void Stream()
    {
        ls = 0;
        le = LineEnd(0);
        ln = 1;
        var pendingExplicit = false;
        var documents = 0;
        while (true)
        {
            SkipBlank();
            if (Eof)
            {
                if (pendingExplicit)
                {
                    EmptyDocument(ref documents);
                }

                return;
            }

            if (Marker('-'))
            {
                if (pendingExplicit)
                {
                    EmptyDocument(ref documents);
                }

                RequireRestEmpty(ls + 3);
                pendingExplicit = true;
                NextLine();
                continue;
            }

            if (Marker('.'))
            {
                if (pendingExplicit)
                {
                    EmptyDocument(ref documents);
                    pendingExplicit = false;
                }

                RequireRestEmpty(ls + 3);
                NextLine();
                continue;
            }

            StartDocument(ref documents);
            BlockNode(-1, default);
            builder.Finish();
            pendingExplicit = false;
            if (!Eof && !Marker('-') && !Marker('.'))
            {
                throw GiveUp();
            }
        }
    }

    private void StartDocument(ref int documents)
    {
        documents++;
        if (limits.SingleDocument && documents > 1)
        {
            throw GiveUp();
        }

        builder.Begin();
        anchors.Clear();
    }

    private void EmptyDocument(ref int documents)
    {
        StartDocument(ref documents);
        builder.Scalar(string.Empty, ScalarStyle.Plain, ln);
        builder.Finish();
    }

    /// <summary>A node starting on the current line, more indented than <paramref name="parent"/>.</summary>
    private long BlockNode(int parent, Properties properties)
    {
        var column = Indent();
        if (column <= parent)
        {
            throw GiveUp();
        }

        var at = ls + column;
        if (IsSequenceEntry(at))
        {
            return BlockSequence(column, properties, indentless: false);
        }

        if (MapKeyEnd(at) >= 0)
        {
            return BlockMapping(column, properties);
        }

        // A document that is one scalar is no manifest, and YamlDotNet reads comments after one unlike elsewhere.
        if (parent < 0 || t[at] is '&' or '!' or '|' or '>')
        {
            throw GiveUp();
        }

        return InlineValue(parent, at, properties);
    }

    private long BlockMapping(int indent, Properties properties)
    {
        var index = builder.Open(ManifestNodeKind.Mapping, properties.Line > 0 ? properties.Line : ln);
        Enter(properties.Anchor);
        var keys = new MappingKeys();
        long size = 1;
        while (true)
        {
            var at = ls + indent;
            var colon = MapKeyEnd(at);
            if (colon < 0)
            {
                throw GiveUp();
            }

            var (key, style) = Key(at, colon);
            if (!keys.Add(key))
            {
                throw GiveUp();
            }

            builder.Scalar(key, style, ln);
            size += 1 + Value(indent, colon + 1, inMapping: true);
            if (Eof || Marker('-') || Marker('.'))
            {
                break;
            }

            var next = Indent();
            if (next < indent)
            {
                break;
            }

            if (next > indent || IsSequenceEntry(ls + indent))
            {
                throw GiveUp();
            }
        }

        builder.Close();
        LeaveCollection(properties.Anchor, index, size);
        return size;
    }

    private long BlockSequence(int indent, Properties properties, bool indentless)
    {
        var index = builder.Open(ManifestNodeKind.Sequence, properties.Line > 0 ? properties.Line : ln);
        Enter(properties.Anchor);
        long size = 1;
        while (true)
        {
            size += Value(indent, ls + indent + 1, inMapping: false);
            if (Eof || Marker('-') || Marker('.'))
            {
                break;
            }

            var next = Indent();
            if (next < indent)
            {
                break;
            }

            if (next > indent)
            {
                throw GiveUp();
            }

            if (!IsSequenceEntry(ls + indent))
            {
                if (indentless)
                {
                    break;
                }

                throw GiveUp();
            }
        }

        builder.Close();
        LeaveCollection(properties.Anchor, index, size);
        return size;
    }

    /// <summary>
    /// The value after a mapping's <c>:</c> or a sequence's <c>-</c> at <paramref name="at"/>, on this line or the
    /// following ones; <paramref name="indent"/> is the column of the collection's entries.
    /// </summary>
    private long Value(int indent, int at, bool inMapping)
    {
        at = SkipSpaces(at);
        var properties = ReadProperties(ref at);
        if (RestEmpty(at))
        {
            var line = ln;
            NextLine();
            SkipBlank();
            if (!Eof && !Marker('-') && !Marker('.'))
            {
                var next = Indent();
                if (next > indent)
                {
                    return BlockNode(indent, properties);
                }

                if (next == indent && inMapping && IsSequenceEntry(ls + indent))
                {
                    return BlockSequence(indent, properties, indentless: true);
                }
            }

            var empty = builder.Scalar(string.Empty, ScalarStyle.Plain, properties.Line > 0 ? properties.Line : line, properties.Tagged);
            Anchored(properties.Anchor, empty, 1);
            return 1;
        }

        if (t[at] is '|' or '>')
        {
            return BlockScalar(indent, at, properties);
        }

        if (!inMapping && properties.Line == 0)
        {
            if (IsSequenceEntry(at))
            {
                throw GiveUp();
            }

            if (MapKeyEnd(at) >= 0)
            {
                return BlockMapping(at - ls, default);
            }
        }

        return InlineValue(indent, at, properties);
    }

    /// <summary>An alias, a flow collection or a one-line scalar at <paramref name="at"/>, then the lines after it.</summary>
    private long InlineValue(int indent, int at, Properties properties)
    {
        long size;
        var c = t[at];
        if (c == '*')
        {
            if (properties.Line > 0)
            {
                throw GiveUp();
            }

            size = Alias(ref at, flow: false);
        }
        else if (c is '[' or '{')
        {
            size = Flow(ref at, properties);
        }
        else
        {
            var line = properties.Line > 0 ? properties.Line : ln;
            string value;
            ScalarStyle style;
            if (c is '"' or '\'')
            {
                (value, style) = (Quoted(ref at), c == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted);
            }
            else
            {
                value = Plain(ref at);
                style = ScalarStyle.Plain;
            }

            var index = builder.Scalar(value, style, line, properties.Tagged);
            Anchored(properties.Anchor, index, 1);
            size = 1;
        }

        RequireRestEmpty(at);
        NextLine();
        SkipBlank();
        if (!Eof && !Marker('-') && !Marker('.') && Indent() > indent)
        {
            throw GiveUp();
        }

        return size;
    }

    private long Alias(ref int at, bool flow)
    {
        var start = ++at;
        while (at < le && IsAnchorChar(t[at]))
        {
            at++;
        }

        if (at == start || (at < le && t[at] != ' ' && !(flow && t[at] is ',' or ']' or '}')))
        {
            throw GiveUp();
        }

        var name = t[start..at];
        if (limits.MaxAliasNodes == 0 || openAnchors.Contains(name) || !anchors.TryGetValue(name, out var anchor))
        {
            throw GiveUp();
        }

        aliasNodes += anchor.Size;
        if (aliasNodes > limits.MaxAliasNodes)
        {
            throw GiveUp();
        }

        builder.Alias(anchor.Index, ln);
        return anchor.Size;
    }

    private Properties ReadProperties(ref int at)
    {
        var properties = default(Properties);
        while (at < le && t[at] is '&' or '!')
        {
            properties.Line = ln;
            if (t[at] == '&')
            {
                if (properties.Anchor is not null)
                {
                    throw GiveUp();
                }

                var start = ++at;
                while (at < le && IsAnchorChar(t[at]))
                {
                    at++;
                }

                if (at == start)
                {
                    throw GiveUp();
                }

                properties.Anchor = t[start..at];

                // A name used again within a document: YamlDotNet's parser and its checks would disagree on which node it names.
                if (anchors.ContainsKey(properties.Anchor) || openAnchors.Contains(properties.Anchor))
                {
                    throw GiveUp();
                }
            }
            else
            {
                if (properties.Tagged || at + 2 >= le || t[at + 1] != '!')
                {
                    throw GiveUp();
                }

                at += 2;
                var start = at;
                while (at < le && char.IsAsciiLetterLower(t[at]))
                {
                    at++;
                }

                if (at == start)
                {
                    throw GiveUp();
                }

                properties.Tagged = true;
            }

            if (at < le && t[at] != ' ')
            {
                throw GiveUp();
            }

            at = SkipSpaces(at);
        }

        return properties;
    }

    /// <summary>A literal (|) or folded (&gt;) scalar; <paramref name="indent"/> is the enclosing collection's column.</summary>
    private long BlockScalar(int indent, int at, Properties properties)
    {
        var line = properties.Line > 0 ? properties.Line : ln;
        var folded = t[at] == '>';
        at++;
        var chomp = at < le && t[at] is '-' or '+' ? t[at++] : ' ';
        RequireRestEmpty(at);
        NextLine();
        var text = new StringBuilder();
        var content = -1;
        var leading = 0;
        var empties = 0;
        var lines = 0;
        var contentBreak = false;
        var emptyBreak = false;
        var previousMoreIndented = false;
        while (!Eof)
        {
            var spaces = Indent();
            var blank = ls + spaces == le;
            if (blank && (content < 0 || spaces <= content))
            {
                leading = content < 0 ? Math.Max(leading, spaces) : leading;
                empties++;
                emptyBreak = le < t.Length;
                NextLine();
                continue;
            }

            if (content < 0)
            {
                if (spaces <= indent)
                {
                    break;
                }

                // YamlDotNet refuses spaces on the empty lines before the first one ("extra spaces in first line").
                if (leading > 0)
                {
                    throw GiveUp();
                }

                content = spaces;
            }
            else if (spaces < content)
            {
                break;
            }

            // Folding joins two lines with a space only when neither is more indented; empty lines become line breaks.
            var moreIndented = spaces > content;
            if (lines == 0)
            {
                text.Append('\n', empties);
            }
            else if (folded && !previousMoreIndented && !moreIndented)
            {
                text.Append(empties == 0 ? " " : new string('\n', empties));
            }
            else
            {
                text.Append('\n', empties + 1);
            }

            text.Append(t, ls + content, le - ls - content);
            lines++;
            empties = 0;
            previousMoreIndented = moreIndented;
            contentBreak = le < t.Length;
            NextLine();
        }

        if (empties > 0 && !emptyBreak && chomp == '+')
        {
            throw GiveUp();
        }

        if (lines == 0 && leading > 0)
        {
            throw GiveUp();
        }

        if (lines > 0 && chomp != '-' && contentBreak)
        {
            text.Append('\n');
        }

        if (chomp == '+')
        {
            text.Append('\n', empties);
        }

        var index = builder.Scalar(text.ToString(), folded ? ScalarStyle.Folded : ScalarStyle.Literal, line, properties.Tagged);
        Anchored(properties.Anchor, index, 1);
        SkipBlank();
        if (!Eof && !Marker('-') && !Marker('.') && Indent() > indent)
        {
            throw GiveUp();
        }

        return 1;
    }

    /// <summary>A flow collection that opens and closes on this line.</summary>
    private long Flow(ref int at, Properties properties)
    {
        var mapping = t[at] == '{';
        var index = builder.Open(mapping ? ManifestNodeKind.Mapping : ManifestNodeKind.Sequence, properties.Line > 0 ? properties.Line : ln);
        Enter(properties.Anchor);
        at = SkipSpaces(at + 1);
        var close = mapping ? '}' : ']';
        var keys = default(MappingKeys);
        long size = 1;
        while (true)
        {
            if (at >= le)
            {
                throw GiveUp();
            }

            if (t[at] == close)
            {
                at++;
                break;
            }

            if (mapping)
            {
                string key;
                ScalarStyle style;
                if (t[at] is '"' or '\'')
                {
                    style = t[at] == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted;
                    key = Quoted(ref at);
                    at = SkipSpaces(at);
                    if (at >= le || t[at] != ':')
                    {
                        throw GiveUp();
                    }

                    at++;
                }
                else
                {
                    key = FlowPlain(ref at, key: true);
                    style = ScalarStyle.Plain;
                    at++;
                }

                if (!keys.Add(key))
                {
                    throw GiveUp();
                }

                builder.Scalar(Intern(key), style, ln);
                size++;
                at = SkipSpaces(at);
                if (at >= le || t[at] is ',' or '}')
                {
                    throw GiveUp();
                }
            }

            size += FlowNode(ref at);
            at = SkipSpaces(at);
            if (at < le && t[at] == ',')
            {
                at = SkipSpaces(at + 1);
            }
            else if (at >= le || t[at] != close)
            {
                throw GiveUp();
            }
        }

        builder.Close();
        LeaveCollection(properties.Anchor, index, size);
        return size;
    }

    private long FlowNode(ref int at)
    {
        // YamlDotNet reads anchor names inside flow collections up to other characters than the ones around them.
        if (at >= le || t[at] is '&' or '!')
        {
            throw GiveUp();
        }

        var properties = default(Properties);

        var c = t[at];
        if (c == '*')
        {
            if (properties.Line > 0)
            {
                throw GiveUp();
            }

            return Alias(ref at, flow: true);
        }

        if (c is '[' or '{')
        {
            return Flow(ref at, properties);
        }

        string value;
        ScalarStyle style;
        if (c is '"' or '\'')
        {
            (value, style) = (Quoted(ref at), c == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted);
        }
        else
        {
            value = FlowPlain(ref at, key: false);
            style = ScalarStyle.Plain;
        }

        // An entry followed by ':' is a single-pair mapping in a sequence, or a value that is not one.
        if (SkipSpaces(at) < le && t[SkipSpaces(at)] == ':')
        {
            throw GiveUp();
        }

        var index = builder.Scalar(value, style, properties.Line > 0 ? properties.Line : ln, properties.Tagged);
        Anchored(properties.Anchor, index, 1);
        return 1;
    }

    /// <summary>A plain scalar in a flow collection; a key stops at its ':' (which must be followed by a space).</summary>
    private string FlowPlain(ref int at, bool key)
    {
        var start = at;
        if (!PlainStart(at, flow: true))
        {
            throw GiveUp();
        }

        var end = at;
        while (true)
        {
            var stop = t.AsSpan(end, le - end).IndexOfAny(FlowStops);
            end = stop < 0 ? le : end + stop;
            if (end == le || t[end] is ',' or '[' or ']' or '{' or '}')
            {
                break;
            }

            if (t[end] == '#' && t[end - 1] == ' ')
            {
                throw GiveUp();
            }

            if (t[end] == ':' && (end + 1 == le || t[end + 1] is ' ' or ',' or '[' or ']' or '{' or '}'))
            {
                if (!(key && end + 1 < le && t[end + 1] == ' '))
                {
                    throw GiveUp();
                }

                break;
            }

            end++;
        }

        if (key && (end >= le || t[end] != ':'))
        {
            throw GiveUp();
        }

        var last = end;
        while (last > start && t[last - 1] == ' ')
        {
            last--;
        }

        if (last == start)
        {
            throw GiveUp();
        }

        at = end;
        return t[start..last];
    }

    /// <summary>A one-line plain scalar in block context, up to a comment or the end of the line.</summary>
    private string Plain(ref int at)
    {
        if (!PlainStart(at, flow: false))
        {
            throw GiveUp();
        }

        var start = at;
        var end = le;
        var span = t.AsSpan(at, le - at);
        var offset = 0;
        while (true)
        {
            var stop = span[offset..].IndexOfAny(PlainStops);
            if (stop < 0)
            {
                break;
            }

            var i = at + offset + stop;
            if (t[i] == '#' && t[i - 1] == ' ')
            {
                end = i;
                break;
            }

            if (t[i] == ':' && (i + 1 == le || t[i + 1] == ' '))
            {
                // "a: b: c", and "- &x a: b" (whose anchor YAML gives the key).
                throw GiveUp();
            }

            offset += stop + 1;
        }

        while (end > start && t[end - 1] == ' ')
        {
            end--;
        }

        at = end;
        return t[start..end];
    }

    private bool PlainStart(int at, bool flow)
    {
        var c = t[at];
        // YamlDotNet reads ":1: x" and "[:1]" with the ':' as an indicator; "?" starts an explicit key.
        if (c is '?' or ':')
        {
            return false;
        }

        if (c == '-')
        {
            var next = at + 1 < le ? t[at + 1] : ' ';
            return next != ' ' && !(flow && next is ',' or '[' or ']' or '{' or '}');
        }

        return c is not (',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`');
    }

    /// <summary>A single- or double-quoted scalar that closes on this line; <paramref name="at"/> ends after the quote.</summary>
    private string Quoted(ref int at)
    {
        var quote = t[at];
        var start = ++at;
        StringBuilder? text = null;
        while (true)
        {
            if (at >= le)
            {
                throw GiveUp();
            }

            var c = t[at];
            if (c == quote)
            {
                if (quote == '\'' && at + 1 < le && t[at + 1] == '\'')
                {
                    (text ??= new StringBuilder()).Append(t, start, at + 1 - start);
                    at += 2;
                    start = at;
                    continue;
                }

                break;
            }

            if (quote == '"' && c == '\\')
            {
                text ??= new StringBuilder();
                text.Append(t, start, at - start);
                at = Escape(at + 1, text);
                start = at;
                continue;
            }

            at++;
        }

        var value = text is null ? t[start..at] : text.Append(t, start, at - start).ToString();
        at++;
        return value;
    }

    private int Escape(int at, StringBuilder text)
    {
        if (at >= le)
        {
            throw GiveUp();
        }

        switch (t[at])
        {
            case '\\': text.Append('\\'); break;
            case '"': text.Append('"'); break;
            case '/': text.Append('/'); break;
            case 'n': text.Append('\n'); break;
            case 't': text.Append('\t'); break;
            case 'r': text.Append('\r'); break;
            case '0': text.Append('\0'); break;
            case 'u' when at + 4 < le && ushort.TryParse(t.AsSpan(at + 1, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code) && !char.IsSurrogate((char)code):
                text.Append((char)code);
                return at + 5;
            default: throw GiveUp();
        }

        return at + 1;
    }

    /// <summary>The index of the ':' that ends a block mapping key starting at <paramref name="at"/>, or -1 when none does.</summary>
    private int MapKeyEnd(int at)
    {
        var c = t[at];
        int i;
        if (c is '"' or '\'')
        {
            i = at + 1;
            while (true)
            {
                if (i >= le)
                {
                    return -1;
                }

                if (t[i] == '\\' && c == '"')
                {
                    i += 2;
                    continue;
                }

                if (t[i] == c)
                {
                    if (c == '\'' && i + 1 < le && t[i + 1] == '\'')
                    {
                        i += 2;
                        continue;
                    }

                    break;
                }

                i++;
            }

            i = SkipSpaces(i + 1);
            return i < le && t[i] == ':' && (i + 1 == le || t[i + 1] == ' ') ? i : -1;
        }

        if (!PlainStart(at, flow: false))
        {
            return -1;
        }

        var span = t.AsSpan(at, le - at);
        var offset = 0;
        while (true)
        {
            var stop = span[offset..].IndexOfAny(PlainStops);
            if (stop < 0)
            {
                return -1;
            }

            i = at + offset + stop;
            if (t[i] == '#' && t[i - 1] == ' ')
            {
                return -1;
            }

            if (t[i] == ':' && (i + 1 == le || t[i + 1] == ' '))
            {
                return i;
            }

            offset += stop + 1;
        }
    }

    private (string Key, ScalarStyle Style) Key(int at, int colon)
    {
        if (t[at] is '"' or '\'')
        {
            var style = t[at] == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted;
            var key = Quoted(ref at);
            return (key, style);
        }

        var end = colon;
        while (end > at && t[end - 1] == ' ')
        {
            end--;
        }

        if (end - at > 1024)
        {
            throw GiveUp();
        }

        return (Intern(t.AsSpan(at, end - at)), ScalarStyle.Plain);
    }

    /// <summary>Keys repeat in every object: one string per distinct key.</summary>
    private string Intern(ReadOnlySpan<char> key)
    {
        var lookup = keyCache.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(key, out var interned))
        {
            interned = key.ToString();
            lookup[key] = interned;
        }

        return interned;
    }

    private void Enter(string? anchor)
    {
        if (++depth > limits.MaxDepth)
        {
            throw GiveUp();
        }

        if (anchor is not null)
        {
            openAnchors.Add(anchor);
        }
    }

    private void LeaveCollection(string? anchor, int index, long size)
    {
        depth--;
        if (anchor is not null)
        {
            openAnchors.RemoveAt(openAnchors.Count - 1);
        }

        Anchored(anchor, index, size);
    }

    /// <summary>Records a finished node's anchor with the nodes an alias to it adds.</summary>
    private void Anchored(string? anchor, int index, long size)
    {
        if (anchor is not null)
        {
            anchors[anchor] = (index, size);
        }
    }

    private static bool IsAnchorChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private bool IsSequenceEntry(int at) => t[at] == '-' && (at + 1 == le || t[at + 1] == ' ');

    /// <summary>Whether the current line is a document marker (--- or ...) at column 0.</summary>
    private bool Marker(char c) =>
        le - ls >= 3 && t[ls] == c && t[ls + 1] == c && t[ls + 2] == c && (le - ls == 3 || t[ls + 3] == ' ');

    private int Indent()
    {
        var i = ls;
        while (i < le && t[i] == ' ')
        {
            i++;
        }

        return i - ls;
    }

    private int SkipSpaces(int at)
    {
        while (at < le && t[at] == ' ')
        {
            at++;
        }

        return at;
    }

    /// <summary>Whether only spaces or a comment follow <paramref name="at"/> on this line.</summary>
    private bool RestEmpty(int at)
    {
        var i = SkipSpaces(at);
        return i == le || (t[i] == '#' && i > at) || (t[i] == '#' && i == at && (at == ls || t[at - 1] == ' '));
    }

    private void RequireRestEmpty(int at)
    {
        if (!RestEmpty(at))
        {
            throw GiveUp();
        }
    }

    /// <summary>Steps over empty lines and lines holding only a comment.</summary>
    private void SkipBlank()
    {
        while (!Eof)
        {
            var i = ls + Indent();
            if (i < le && t[i] != '#')
            {
                return;
            }

            NextLine();
        }
    }

    private void NextLine()
    {
        ls = le + 1;
        ln++;
        le = ls >= t.Length ? t.Length : LineEnd(ls);
    }

    private int LineEnd(int from)
    {
        var i = t.IndexOf('\n', from);
        return i < 0 ? t.Length : i;
    }

    private sealed class Unsupported : Exception;

    /// <summary>An anchor and a tag written before a node.</summary>
    private struct Properties
    {
        public string? Anchor;
        public bool Tagged;

        /// <summary>The line of the first property; 0 when the node has none.</summary>
        public int Line;
    }
}
