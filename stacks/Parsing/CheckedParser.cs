using Palisade.Components.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Palisade.Stacks.Parsing;

/// <summary>
/// Passes YAML events on to a loader and refuses, before the loader (which recurses) sees them, what the limits
/// forbid: nesting deeper than the limit, aliases (or their expansion beyond a budget), a second document, keys that
/// are not plain values, and duplicate keys at any level.
/// </summary>
internal sealed class CheckedParser : IParser
{
    private readonly IParser inner;
    private readonly Scanner scanner;
    private readonly string source;
    private readonly ParseLimits limits;
    private readonly List<Frame> frames = [];
    private readonly Dictionary<string, long> anchorSizes = new(StringComparer.Ordinal);
    private long aliasNodes;

    public CheckedParser(string text, string source, ParseLimits limits)
    {
        scanner = new Scanner(new StringReader(text));
        inner = new Parser(scanner);
        this.source = source;
        this.limits = limits;
    }

    public int Documents { get; private set; }

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        bool moved;
        try
        {
            moved = inner.MoveNext();
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws a bare InvalidOperationException (no position) when a plain scalar inside
            // a flow collection continues on a line indented less than the block around it: an unclosed [ or {.
            throw Refuse(scanner.CurrentPosition, OpenFlowCollection() is { } opened ? $"{opened} is not closed" : "a flow collection is not closed",
                "Close every [ with ] and every { with } before the next less indented line");
        }

        if (moved)
        {
            Check(inner.Current!);
        }

        return moved;
    }

    /// <summary>Where the innermost flow collection still open was opened ("the [ opened at line 2, column 18"), if any.</summary>
    public string? OpenFlowCollection()
    {
        var flow = frames.LastOrDefault(f => f.Flow);
        return flow is null ? null : $"the {(flow.Mapping ? "{" : "[")} opened at line {flow.Start.Line}, column {flow.Start.Column}";
    }

    public string Where(Mark mark, string? keyPath = null)
    {
        var document = limits.SingleDocument ? string.Empty : $"document {Math.Max(Documents, 1)}";
        var key = keyPath is null ? string.Empty : $"key {keyPath}";
        var place = string.Join(", ", new[] { document, key }.Where(s => s.Length > 0));
        var position = $"line {mark.Line}, column {mark.Column}";
        return place.Length == 0 ? $"{source}: {position}" : $"{source}: {place} ({position})";
    }

    private void Check(ParsingEvent e)
    {
        switch (e)
        {
            case DocumentStart:
                Documents++;
                anchorSizes.Clear();
                if (limits.SingleDocument && Documents > 1)
                {
                    throw Refuse(e.Start, $"a second YAML document starts here; {limits.Kind} holds one document",
                        "Remove the `---` and everything after it, or merge it into the first document");
                }

                break;
            case MappingStart or SequenceStart:
                BeforeNode(e, collection: true);
                var anchor = e is MappingStart m ? m.Anchor : ((SequenceStart)e).Anchor;
                var flow = e is MappingStart ms ? ms.Style == MappingStyle.Flow : ((SequenceStart)e).Style == SequenceStyle.Flow;
                frames.Add(new Frame(e is MappingStart, flow, e.Start, anchor.IsEmpty ? null : anchor.Value));
                if (frames.Count > limits.MaxDepth)
                {
                    throw Refuse(e.Start, $"the lists and mappings nest more than {limits.MaxDepth} levels deep, the most {limits.Kind} may have",
                        "Flatten the structure");
                }

                break;
            case MappingEnd or SequenceEnd:
                var done = frames[^1];
                if (done.Mapping && done.Children % 2 == 1)
                {
                    // YamlDotNet's parser can end a mapping right after a key (" : a: b"); its loader then fails
                    // with an ArgumentException instead of a syntax error.
                    throw Refuse(e.Start, $"the file is not valid YAML: the key {Excerpt.Quote(done.Key ?? string.Empty)} has no value before the mapping ends",
                        limits.SyntaxFix, Path());
                }

                frames.RemoveAt(frames.Count - 1);
                Completed(done.Nodes + 1, done.Anchor);
                break;
            case Scalar scalar:
                BeforeNode(e, collection: false);
                if (IsKeyPosition())
                {
                    var parent = frames[^1];
                    if (!parent.AddKey(scalar.Value))
                    {
                        throw Refuse(e.Start, $"the key {Excerpt.Quote(scalar.Value)} appears twice in this mapping", "Keep one of the two entries", Path(scalar.Value));
                    }

                    parent.Key = scalar.Value;
                }

                Completed(1, scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value);
                break;
            case AnchorAlias alias:
                if (limits.MaxAliasNodes == 0)
                {
                    throw Refuse(e.Start, $"YAML aliases ({Excerpt.Quote("*" + alias.Value.Value)}) are not allowed in {limits.Kind}", "Write the value out in full", Path());
                }

                BeforeNode(e, collection: false);
                if (!anchorSizes.TryGetValue(alias.Value.Value, out var size))
                {
                    throw Refuse(e.Start, $"the alias {Excerpt.Quote("*" + alias.Value.Value)} names no anchor defined before it", "Define the anchor (&name) before using it", Path());
                }

                aliasNodes += size;
                if (aliasNodes > limits.MaxAliasNodes)
                {
                    throw Refuse(e.Start, $"the YAML aliases expand to more than {limits.MaxAliasNodes:N0} nodes, the most {limits.Kind} may have (an alias bomb?)",
                        "Write the repeated parts out, or use fewer nested aliases", Path());
                }

                Completed(size, null);
                break;
        }
    }

    private void BeforeNode(ParsingEvent e, bool collection)
    {
        if (!IsKeyPosition())
        {
            return;
        }

        if (collection)
        {
            throw Refuse(e.Start, "a key is a list or a mapping; keys must be plain values", "Write the key as plain text", Path());
        }

        if (e is AnchorAlias)
        {
            throw Refuse(e.Start, "a key is an alias; keys must be plain values", "Write the key as plain text", Path());
        }
    }

    private bool IsKeyPosition() => frames.Count > 0 && frames[^1].Mapping && frames[^1].Children % 2 == 0;

    private void Completed(long nodes, string? anchor)
    {
        if (anchor is not null)
        {
            anchorSizes[anchor] = nodes;
        }

        if (frames.Count > 0)
        {
            var parent = frames[^1];
            parent.Nodes += nodes;
            parent.Children++;
        }
    }

    /// <summary>The key path of the node being read (config.palisade:apps[2]), with <paramref name="key"/> appended when given.</summary>
    private string? Path(string? key = null)
    {
        var path = new System.Text.StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.Mapping && frame.Children % 2 == 1)
            {
                path.Append(path.Length == 0 ? string.Empty : ".").Append(Shorten(frame.Key));
            }
            else if (!frame.Mapping)
            {
                path.Append('[').Append(frame.Children).Append(']');
            }
        }

        if (key is not null)
        {
            path.Append(path.Length == 0 ? string.Empty : ".").Append(Shorten(key));
        }

        return path.Length == 0 ? null : path.ToString();
    }

    private static string Shorten(string? key) => key is null ? "?" : key.Length <= Excerpt.MaxLength ? key : Excerpt.Quote(key);

    private InputError Refuse(Mark at, string problem, string fix, string? keyPath = null) => new(Where(at, keyPath), problem, fix);

    private sealed class Frame(bool mapping, bool flow, Mark start, string? anchor)
    {
        public bool Mapping { get; } = mapping;
        public bool Flow { get; } = flow;
        public Mark Start { get; } = start;
        public string? Anchor { get; } = anchor;
        public long Nodes { get; set; }
        public int Children { get; set; }
        public string? Key { get; set; }

        private MappingKeys keys;

        /// <summary>False when the mapping already holds the key.</summary>
        public bool AddKey(string key) => keys.Add(key);
    }
}
