using System.Globalization;
using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;
using YamlDotNet.Core;

namespace Palisade.Infra.Manifests;

/// <summary>
/// A node of a manifest document with the place it came from (file, document, object, key path), so every problem
/// found while reading it becomes an <see cref="InputError"/> that names exactly where to look. An alias reads as the
/// node its anchor named.
/// </summary>
internal sealed class ManifestNode
{
    private readonly ManifestDocument document;
    private readonly int index;

    // The key path is needed only for messages: it is joined from the parent's on first use.
    private readonly ManifestNode? parent;
    private readonly string? key;
    private readonly int item;
    private string? path;

    public ManifestNode(ManifestDocument document, int index, string path, DocumentContext context)
    {
        this.document = document;
        this.index = document.Resolve(index);
        this.path = path;
        Context = context;
    }

    private ManifestNode(ManifestNode parent, int index, string? key, int item)
    {
        document = parent.document;
        this.index = document.Resolve(index);
        this.parent = parent;
        this.key = key;
        this.item = item;
        Context = parent.Context;
    }

    public string Path => path ??= key is not null
        ? Join(parent!.Path, key)
        : $"{parent!.Path}[{item.ToString(CultureInfo.InvariantCulture)}]";

    public DocumentContext Context { get; }

    private ref readonly ManifestEvent Event => ref document.Events[index];

    public bool IsNull => IsNullAt(document, index);

    public bool IsMapping => Event.Kind == ManifestNodeKind.Mapping;

    public bool IsSequence => Event.Kind == ManifestNodeKind.Sequence;

    /// <summary>Whether a document holds nothing (an empty document, or one whose root is null).</summary>
    public static bool IsNullDocument(ManifestDocument document) => document.Events.Length == 0 || IsNullAt(document, document.Resolve(0));

    private static bool IsNullAt(ManifestDocument document, int at)
    {
        ref readonly var e = ref document.Events[document.Resolve(at)];
        return e.Kind == ManifestNodeKind.Scalar && e.Style is ScalarStyle.Plain or ScalarStyle.Any &&
               e.Value is null or "" or "~" or "null" or "Null" or "NULL";
    }

    /// <summary>The same node named by another key path (for messages).</summary>
    public ManifestNode At(string path) => new(document, index, path, Context);

    /// <summary>The same node in another context (a List item read as an object of its own).</summary>
    public ManifestNode In(DocumentContext context) => new(document, index, Path, context);

    /// <summary>The value under a key, or null when the key is absent or its value is null.</summary>
    public ManifestNode? Get(string key)
    {
        RequireMapping();
        var events = document.Events;
        for (var at = index + 1; at < Event.End;)
        {
            var value = at + 1;
            if (events[at].Value == key && !events[at].Tagged && events[at].Kind == ManifestNodeKind.Scalar)
            {
                return IsNullAt(document, value) ? null : new ManifestNode(this, value, key, 0);
            }

            at = document.Next(value);
        }

        return null;
    }

    public ManifestNode RequireMapping() =>
        IsMapping ? this : throw Error("expected a mapping (key: value pairs)", "Write this key as a mapping");

    /// <summary>A mapping's keys in document order.</summary>
    public IReadOnlyList<string> Keys()
    {
        RequireMapping();
        var keys = new List<string>();
        for (var at = index + 1; at < Event.End; at = document.Next(at + 1))
        {
            keys.Add(document.Events[at].Value ?? string.Empty);
        }

        return keys;
    }

    public IReadOnlyList<ManifestNode> Items()
    {
        if (!IsSequence)
        {
            throw Error("expected a list", "Write this key as a YAML list (- item)");
        }

        var items = new List<ManifestNode>();
        for (var at = index + 1; at < Event.End; at = document.Next(at))
        {
            items.Add(new ManifestNode(this, at, null, items.Count));
        }

        return items;
    }

    public string Scalar()
    {
        if (Event.Kind != ManifestNodeKind.Scalar)
        {
            throw Error("expected a single value", "Write a plain value here, not a list or mapping");
        }

        return Event.Value ?? string.Empty;
    }

    public bool IsQuoted => Event.Kind == ManifestNodeKind.Scalar && Event.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;

    /// <summary>An unquoted integer.</summary>
    public bool TryInteger(out int value)
    {
        value = 0;
        return Event.Kind == ManifestNodeKind.Scalar && !IsQuoted &&
               int.TryParse(Event.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public int Integer(string what) => TryInteger(out var value) ? value : throw NotANumber(what);

    /// <summary>The error for a value that should be an unquoted integer and is not.</summary>
    public InputError NotANumber(string what) =>
        Error($"{what} {(Event.Kind == ManifestNodeKind.Scalar && Event.Value is { } text ? Excerpt.Quote(text) : Event.Kind.ToString())} is not a number", $"Write {what} as an unquoted integer");

    public bool Boolean() => Scalar() is "true" or "True" or "TRUE";

    /// <summary>Labels, with keys and values validated as the API server does.</summary>
    public SortedDictionary<string, string> Labels() =>
        StringMap((key, value) => KubernetesNames.LabelKeyProblem(key) ?? KubernetesNames.LabelValueProblem(key, value));

    /// <summary>Annotations, with keys validated as the API server does (values are free text).</summary>
    public SortedDictionary<string, string> Annotations() => StringMap((key, _) => KubernetesNames.AnnotationKeyProblem(key));

    /// <summary>A map of string values (labels); null values read as empty strings, as the API server stores them.</summary>
    public SortedDictionary<string, string> StringMap(Func<string, string, string?>? problem = null)
    {
        RequireMapping();
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var at = index + 1; at < Event.End; at = document.Next(at + 1))
        {
            var name = document.Events[at].Value ?? string.Empty;
            var value = new ManifestNode(this, at + 1, name, 0);
            if (value.Event.Kind != ManifestNodeKind.Scalar)
            {
                throw value.Error("the value is not a plain value", "Write the value as text, e.g. app: web");
            }

            var text = value.IsNull ? string.Empty : value.Event.Value ?? string.Empty;
            if (problem?.Invoke(name, text) is { } wrong)
            {
                throw value.At(Join(Path, name.Length <= Excerpt.MaxLength ? name : Excerpt.Quote(name)))
                    .Error(wrong, "Fix the key or value as the API server requires (see the Kubernetes docs on labels and annotations)");
            }

            result[name] = text;
        }

        return result;
    }

    public InputError Error(string problem, string fix)
    {
        var line = Event.Line > 0 ? $" (line {Event.Line})" : string.Empty;
        return new InputError($"{Context.Describe()}, key {Path}{line}", problem, fix);
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}

/// <summary>Where a document is: file and 1-based document number, plus the object once its kind and name are known.</summary>
internal sealed class DocumentContext(string file, int document)
{
    public string File { get; } = file;

    public int Document { get; } = document;

    public string? Object { get; set; }

    public string Describe() => Object is null ? $"{File}: document {Document}" : $"{File}: document {Document} ({Object})";
}
