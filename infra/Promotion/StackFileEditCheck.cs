using Palisade.Components.Diagnostics;
using Palisade.Infra.Emit;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Palisade.Infra.Promotion;

/// <summary>
/// The edited stack file is parsed again and must read as the original with exactly the requested keys set or
/// removed under <c>config</c>: same keys in the same order, same values, quoting, tags and anchors everywhere else.
/// Compared on parse events (aliases are not expanded), so the check is linear in the file's size.
/// </summary>
internal static class StackFileEditCheck
{
    private const int MaxDepth = 256;
    private const string StringTag = "tag:yaml.org,2002:str";

    public static List<ParsingEvent> Parse(string text, string fileName, string what)
    {
        var events = new List<ParsingEvent>();
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                events.Add(parser.Current!);
            }
        }
        catch (YamlException e)
        {
            throw new InputError(fileName, $"{what}: it does not parse as YAML (line {e.Start.Line}, column {e.Start.Column}: {e.Message})",
                "Fix the file by hand, then run promote again. Nothing was written.");
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this instead of a YamlException on some unclosed flow collections.
            throw new InputError(fileName, $"{what}: it does not parse as YAML ({e.Message})",
                "Look for an unclosed [ or {, fix the file by hand, then run promote again. Nothing was written.");
        }

        if (UnpairedMapping(events) is { } at)
        {
            // YamlDotNet drops the value of an entry with an empty key (`: value`) instead of failing.
            throw new InputError(fileName, $"{what}: it does not parse as YAML (line {at.Line}, column {at.Column}: a mapping entry without a key or a value)",
                "Fix the file by hand, then run promote again. Nothing was written.");
        }

        return events;
    }

    /// <summary>Where a mapping with an odd number of nodes (a key without its value) starts, if any.</summary>
    private static Mark? UnpairedMapping(List<ParsingEvent> events)
    {
        var open = new Stack<(ParsingEvent Start, int Nodes)>();
        foreach (var e in events)
        {
            if (e is MappingEnd or SequenceEnd)
            {
                var (start, nodes) = open.Pop();
                if (start is MappingStart && nodes % 2 != 0)
                {
                    return start.Start;
                }
            }

            if (e is Scalar or AnchorAlias or MappingEnd or SequenceEnd && open.Count > 0)
            {
                var (start, nodes) = open.Pop();
                open.Push((start, nodes + 1));
            }

            if (e is MappingStart or SequenceStart)
            {
                open.Push((e, 0));
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="scalar"/> is read as exactly the string <paramref name="value"/> (a plain 1234567 would be a number).</summary>
    public static bool ReadsAs(Scalar scalar, string value) =>
        scalar.Value == value &&
        (scalar.Tag.IsEmpty || scalar.Tag.Value == StringTag) &&
        (scalar.Style != ScalarStyle.Plain || YamlWriter.IsPlainSafe(value));

    /// <returns><paramref name="edited"/>, once it is shown to be <paramref name="original"/> plus <paramref name="changes"/>.</returns>
    public static string Verified(string original, string edited, IReadOnlyDictionary<string, string?> changes, string fileName)
    {
        var before = Root(Parse(original, fileName, "cannot be edited"), fileName);
        var after = Root(Parse(edited, fileName, "the edited text failed to parse (nothing was written; please report this)"), fileName);
        var problem = Difference(before, after, changes);
        if (problem is not null)
        {
            throw StackFileEditor.Refuse(fileName, $"the edited file would not read back as the original plus the promotion keys ({problem})",
                "Please report this, and set the keys by hand.");
        }

        return edited;
    }

    /// <summary>Whether two stack files read the same (keys, order, values, quoting); comments and layout aside.</summary>
    public static bool ReadAlike(string a, string b, string fileName)
    {
        var x = Root(Parse(a, fileName, "cannot be compared"), fileName);
        var y = Root(Parse(b, fileName, "cannot be compared"), fileName);
        return x is null || y is null ? x is null && y is null : Same(x, y);
    }

    private static string? Difference(Node? before, Node? after, IReadOnlyDictionary<string, string?> changes)
    {
        if (after is not MapNode root)
        {
            return "the top level is not a mapping";
        }

        var beforeRoot = before as MapNode;
        var beforeConfig = beforeRoot?.Entries.FirstOrDefault(e => IsConfig(e.Key)).Value;
        var afterConfig = root.Entries.FirstOrDefault(e => IsConfig(e.Key)).Value;
        var others = (beforeRoot?.Entries ?? []).Where(e => !IsConfig(e.Key)).ToList();
        if (!SameEntries(others, root.Entries.Where(e => !IsConfig(e.Key)).ToList()))
        {
            return "a top-level key outside config changed";
        }

        if (afterConfig is not MapNode config)
        {
            return "config is not a mapping";
        }

        var expected = (beforeConfig as MapNode)?.Entries.ToList() ?? [];
        foreach (var (key, value) in changes.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var at = expected.FindIndex(e => e.Key is ScalarNode s && s.Scalar.Value == key);
            if (value is null)
            {
                if (at >= 0)
                {
                    expected.RemoveAt(at);
                }

                continue;
            }

            var entry = new KeyValuePair<Node, Node>(new ExpectedValue(key), new ExpectedValue(value));
            if (at >= 0)
            {
                expected[at] = new KeyValuePair<Node, Node>(expected[at].Key, entry.Value);
            }
            else
            {
                expected.Add(entry);
            }
        }

        return SameEntries(expected, config.Entries) ? null : "the config keys or values differ from the requested change";
    }

    private static bool IsConfig(Node key) => key is ScalarNode { Scalar.Value: "config" };

    private static bool SameEntries(IReadOnlyList<KeyValuePair<Node, Node>> a, IReadOnlyList<KeyValuePair<Node, Node>> b) =>
        a.Count == b.Count && a.Zip(b).All(p => Same(p.First.Key, p.Second.Key) && Same(p.First.Value, p.Second.Value));

    private static bool Same(Node expected, Node actual) => (expected, actual) switch
    {
        (ExpectedValue v, ScalarNode s) => ReadsAs(s.Scalar, v.Value),
        (ExpectedValue, _) => false,
        (ScalarNode x, ScalarNode y) => x.Scalar.Value == y.Scalar.Value && x.Scalar.Tag.Equals(y.Scalar.Tag) && x.Scalar.Anchor.Equals(y.Scalar.Anchor) &&
                                        (x.Scalar.Style == ScalarStyle.Plain) == (y.Scalar.Style == ScalarStyle.Plain),
        (AliasNode x, AliasNode y) => x.Name == y.Name,
        (MapNode x, MapNode y) => x.Tag == y.Tag && x.Anchor == y.Anchor && SameEntries(x.Entries, y.Entries),
        (SeqNode x, SeqNode y) => x.Tag == y.Tag && x.Anchor == y.Anchor && x.Items.Count == y.Items.Count && x.Items.Zip(y.Items).All(p => Same(p.First, p.Second)),
        _ => false,
    };

    /// <summary>The first document's root as a tree (null for an empty file), built without recursion.</summary>
    private static Node? Root(List<ParsingEvent> events, string fileName)
    {
        var open = new Stack<(Node Node, List<Node> Children)>();
        Node? root = null;
        foreach (var e in events)
        {
            Node? complete = null;
            switch (e)
            {
                case MappingStart m:
                    open.Push((new MapNode([], m.Tag.IsEmpty ? null : m.Tag.Value, m.Anchor.IsEmpty ? null : m.Anchor.Value), []));
                    break;
                case SequenceStart s:
                    open.Push((new SeqNode([], s.Tag.IsEmpty ? null : s.Tag.Value, s.Anchor.IsEmpty ? null : s.Anchor.Value), []));
                    break;
                case MappingEnd:
                    var (map, entries) = open.Pop();
                    ((MapNode)map).Entries.AddRange(entries.Chunk(2).Select(c => new KeyValuePair<Node, Node>(c[0], c[1])));
                    complete = map;
                    break;
                case SequenceEnd:
                    var (seq, items) = open.Pop();
                    ((SeqNode)seq).Items.AddRange(items);
                    complete = seq;
                    break;
                case Scalar s:
                    complete = new ScalarNode(s);
                    break;
                case AnchorAlias a:
                    complete = new AliasNode(a.Value.Value);
                    break;
            }

            if (open.Count > MaxDepth)
            {
                throw StackFileEditor.Refuse(fileName, $"it is nested more than {MaxDepth} levels deep", "Flatten it.");
            }

            if (complete is not null)
            {
                if (open.Count > 0)
                {
                    open.Peek().Children.Add(complete);
                }
                else
                {
                    root ??= complete;
                }
            }
        }

        return root;
    }

    private abstract record Node;

    private sealed record ScalarNode(Scalar Scalar) : Node;

    private sealed record AliasNode(string Name) : Node;

    private sealed record MapNode(List<KeyValuePair<Node, Node>> Entries, string? Tag, string? Anchor) : Node;

    private sealed record SeqNode(List<Node> Items, string? Tag, string? Anchor) : Node;

    /// <summary>A value the edit was asked to write.</summary>
    private sealed record ExpectedValue(string Value) : Node;
}
