using System.Globalization;
using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Palisade.Infra.Manifests;

/// <summary>
/// A YAML node with the place it came from (file, document, object, key path), so every problem found while reading
/// it becomes an <see cref="InputError"/> that names exactly where to look.
/// </summary>
internal sealed class ManifestNode
{
    public ManifestNode(YamlNode node, string path, DocumentContext context)
    {
        Node = node;
        Path = path;
        Context = context;
    }

    public YamlNode Node { get; }

    public string Path { get; }

    public DocumentContext Context { get; }

    public bool IsNull => IsNullNode(Node);

    public static bool IsNullNode(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>The value under a key, or null when the key is absent or its value is null.</summary>
    public ManifestNode? Get(string key)
    {
        var mapping = RequireMapping();
        return mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNullNode(value)
            ? new ManifestNode(value, Join(key), Context)
            : null;
    }

    public YamlMappingNode RequireMapping() =>
        Node as YamlMappingNode ?? throw Error("expected a mapping (key: value pairs)", "Write this key as a mapping");

    public IReadOnlyList<ManifestNode> Items()
    {
        var sequence = Node as YamlSequenceNode ?? throw Error("expected a list", "Write this key as a YAML list (- item)");
        return sequence.Children.Select((child, i) => new ManifestNode(child, $"{Path}[{i}]", Context)).ToList();
    }

    public string Scalar()
    {
        if (Node is not YamlScalarNode scalar)
        {
            throw Error("expected a single value", "Write a plain value here, not a list or mapping");
        }

        return scalar.Value ?? string.Empty;
    }

    public bool IsQuoted => Node is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded };

    /// <summary>An unquoted integer.</summary>
    public bool TryInteger(out int value)
    {
        value = 0;
        return Node is YamlScalarNode scalar && !IsQuoted &&
               int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public int Integer(string what)
    {
        if (TryInteger(out var value))
        {
            return value;
        }

        throw Error($"{what} {((Node as YamlScalarNode)?.Value is { } text ? Excerpt.Quote(text) : Node.NodeType.ToString())} is not a number", $"Write {what} as an unquoted integer");
    }

    public bool Boolean() => Scalar() is "true" or "True" or "TRUE";

    /// <summary>Labels, with keys and values validated as the API server does.</summary>
    public SortedDictionary<string, string> Labels() =>
        StringMap((key, value) => KubernetesNames.LabelKeyProblem(key) ?? KubernetesNames.LabelValueProblem(key, value));

    /// <summary>Annotations, with keys validated as the API server does (values are free text).</summary>
    public SortedDictionary<string, string> Annotations() => StringMap((key, _) => KubernetesNames.AnnotationKeyProblem(key));

    /// <summary>A map of string values (labels); null values read as empty strings, as the API server stores them.</summary>
    public SortedDictionary<string, string> StringMap(Func<string, string, string?>? problem = null)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in RequireMapping().Children)
        {
            var name = key is YamlScalarNode k ? k.Value ?? string.Empty : throw Error("a key is not a plain value", "Use plain text keys");
            if (value is not YamlScalarNode scalar)
            {
                throw new ManifestNode(value, Join(name), Context).Error("the value is not a plain value", "Write the value as text, e.g. app: web");
            }

            var text = IsNullNode(scalar) ? string.Empty : scalar.Value ?? string.Empty;
            if (problem?.Invoke(name, text) is { } wrong)
            {
                throw new ManifestNode(value, Join(name.Length <= Excerpt.MaxLength ? name : Excerpt.Quote(name)), Context)
                    .Error(wrong, "Fix the key or value as the API server requires (see the Kubernetes docs on labels and annotations)");
            }

            result[name] = text;
        }

        return result;
    }

    public InputError Error(string problem, string fix)
    {
        var line = Node.Start.Line > 0 ? $" (line {Node.Start.Line})" : string.Empty;
        return new InputError($"{Context.Describe()}, key {Path}{line}", problem, fix);
    }

    private string Join(string key) => Path.Length == 0 ? key : $"{Path}.{key}";
}

/// <summary>Where a document is: file and 1-based document number, plus the object once its kind and name are known.</summary>
internal sealed class DocumentContext(string file, int document)
{
    public string File { get; } = file;

    public int Document { get; } = document;

    public string? Object { get; set; }

    public string Describe() => Object is null ? $"{File}: document {Document}" : $"{File}: document {Document} ({Object})";
}
