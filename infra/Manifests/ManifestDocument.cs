using System.Runtime.InteropServices;
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

    /// <summary>Builds documents from parsing events (YamlDotNet's, through <see cref="Palisade.Stacks.Parsing.BoundedYaml.Stream"/>).</summary>
    public sealed class Builder
    {
        private readonly List<ManifestEvent> events = [];
        private readonly Stack<int> open = new();
        private readonly Dictionary<string, int> anchors = new(StringComparer.Ordinal);

        public List<ManifestDocument> Documents { get; } = [];

        public void Add(ParsingEvent e)
        {
            switch (e)
            {
                case DocumentStart:
                    events.Clear();
                    anchors.Clear();
                    break;
                case DocumentEnd:
                    Documents.Add(new ManifestDocument([.. events]));
                    break;
                case Scalar scalar:
                    Anchor(scalar.Anchor, Add(new ManifestEvent
                    {
                        Kind = ManifestNodeKind.Scalar,
                        Style = scalar.Style,
                        Tagged = !scalar.Tag.IsEmpty,
                        Line = (int)scalar.Start.Line,
                        Value = scalar.Value,
                    }));
                    break;
                case MappingStart mapping:
                    Open(ManifestNodeKind.Mapping, mapping.Anchor, mapping.Start);
                    break;
                case SequenceStart sequence:
                    Open(ManifestNodeKind.Sequence, sequence.Anchor, sequence.Start);
                    break;
                case MappingEnd or SequenceEnd:
                    CollectionsMarshal.AsSpan(events)[open.Pop()].End = events.Count;
                    break;
                case AnchorAlias alias:
                    // The checked parser has refused aliases to anchors not defined before them.
                    Add(new ManifestEvent { Kind = ManifestNodeKind.Alias, Line = (int)alias.Start.Line, Target = anchors[alias.Value.Value] });
                    break;
            }
        }

        private void Open(ManifestNodeKind kind, AnchorName anchor, Mark start)
        {
            var index = Add(new ManifestEvent { Kind = kind, Line = (int)start.Line });
            open.Push(index);
            Anchor(anchor, index);
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
            events.Add(e);
            return events.Count - 1;
        }
    }
}
