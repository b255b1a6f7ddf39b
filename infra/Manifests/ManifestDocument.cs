using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Palisade.Infra.Manifests;

/// <summary>What one node of a manifest document is.</summary>
internal enum ManifestNodeKind : byte
{
    Scalar,
    Mapping,
    Sequence,
    Alias,
}

/// <summary>
/// One node of a document in document order. A collection's children follow it up to <see cref="End"/> (a mapping's as
/// key, value, key, value), so a reader skips a subtree it does not need in one step; an alias points at the node its
/// anchor named.
/// </summary>
internal struct ManifestEvent
{
    public ManifestNodeKind Kind;
    public ScalarStyle Style;

    /// <summary>Whether the scalar carries an explicit tag (a tagged key never equals a plain one).</summary>
    public bool Tagged;

    /// <summary>1-based line of the node's start; 0 when the format has no lines to name (JSON).</summary>
    public int Line;

    /// <summary>A collection: the index just after its last descendant.</summary>
    public int End;

    /// <summary>An alias: the index of the anchored node.</summary>
    public int Target;

    public string? Value;
}

/// <summary>
/// A manifest document as the flat list of its nodes, filled from the parser's event stream: no node objects, no
/// dictionaries per mapping; readers look up the few keys they need and step over the rest.
/// </summary>
internal sealed class ManifestDocument(ManifestEvent[] events)
{
    public ManifestEvent[] Events { get; } = events;

    /// <summary>The index of the node a reader sees at <paramref name="index"/>: an alias reads as its anchored node.</summary>
    public int Resolve(int index) => Events[index].Kind == ManifestNodeKind.Alias ? Events[index].Target : index;

    /// <summary>The index just after the node at <paramref name="index"/> and its descendants.</summary>
    public int Next(int index) => Events[index].Kind is ManifestNodeKind.Mapping or ManifestNodeKind.Sequence ? Events[index].End : index + 1;

    /// <summary>Builds documents from parsing events (YamlDotNet's, through <see cref="Palisade.Stacks.Parsing.BoundedYaml.Stream"/>, JSON's, or <see cref="ManifestYamlReader"/>'s).</summary>
    public sealed class Builder
    {
        // Plain arrays rather than List<ManifestEvent> and Stack<int>: the ReadyToRun build has no precompiled code for
        // framework generics over this struct and would JIT them on every start.
        private ManifestEvent[] events = new ManifestEvent[64];
        private int count;
        private int[] open = new int[16];
        private int depth;
        private readonly Dictionary<string, int> anchors = new(StringComparer.Ordinal);

        public List<ManifestDocument> Documents { get; } = [];

        public void Add(ParsingEvent e)
        {
            switch (e)
            {
                case DocumentStart:
                    Begin();
                    break;
                case DocumentEnd:
                    Finish();
                    break;
                case Scalar scalar:
                    Anchor(scalar.Anchor, Scalar(scalar.Value, scalar.Style, (int)scalar.Start.Line, !scalar.Tag.IsEmpty));
                    break;
                case MappingStart mapping:
                    Anchor(mapping.Anchor, Open(ManifestNodeKind.Mapping, (int)mapping.Start.Line));
                    break;
                case SequenceStart sequence:
                    Anchor(sequence.Anchor, Open(ManifestNodeKind.Sequence, (int)sequence.Start.Line));
                    break;
                case MappingEnd or SequenceEnd:
                    Close();
                    break;
                case AnchorAlias alias:
                    // The checked parser has refused aliases to anchors not defined before them.
                    Alias(anchors[alias.Value.Value], (int)alias.Start.Line);
                    break;
            }
        }

        /// <summary>Starts a document.</summary>
        public void Begin()
        {
            count = 0;
            depth = 0;
            anchors.Clear();
        }

        /// <summary>An alias of the node at <paramref name="target"/>.</summary>
        public int Alias(int target, int line) => Add(new ManifestEvent { Kind = ManifestNodeKind.Alias, Line = line, Target = target });

        public int Scalar(string? value, ScalarStyle style, int line, bool tagged = false) =>
            Add(new ManifestEvent { Kind = ManifestNodeKind.Scalar, Style = style, Tagged = tagged, Line = line, Value = value });

        /// <summary>Starts a collection; its children follow until <see cref="Close"/>.</summary>
        public int Open(ManifestNodeKind kind, int line)
        {
            var index = Add(new ManifestEvent { Kind = kind, Line = line });
            if (depth == open.Length)
            {
                var deeper = new int[open.Length * 2];
                Array.Copy(open, deeper, depth);
                open = deeper;
            }

            open[depth++] = index;
            return index;
        }

        public void Close() => events[open[--depth]].End = count;

        /// <summary>Ends the document being built and adds it to <see cref="Documents"/>.</summary>
        public void Finish()
        {
            var document = new ManifestEvent[count];
            Array.Copy(events, document, count);
            Documents.Add(new ManifestDocument(document));
            count = 0;
            depth = 0;
        }

        private void Anchor(AnchorName anchor, int index)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = index;
            }
        }

        private int Add(ManifestEvent e)
        {
            if (count == events.Length)
            {
                var larger = new ManifestEvent[events.Length * 2];
                Array.Copy(events, larger, count);
                events = larger;
            }

            events[count] = e;
            return count++;
        }
    }
}
