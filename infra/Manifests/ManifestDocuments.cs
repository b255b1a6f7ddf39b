using System.Text.Json;
using Palisade.Stacks.Parsing;
using YamlDotNet.Core;

namespace Palisade.Infra.Manifests;

/// <summary>Splits a manifest file into its documents (1-based numbers, empty documents included).</summary>
internal static class ManifestDocuments
{
    public static IReadOnlyList<(int Number, ManifestDocument Document)> Load(ManifestFile file) =>
        file.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? LoadJson(file) : LoadYaml(file);

    private static IReadOnlyList<(int, ManifestDocument)> LoadYaml(ManifestFile file)
    {
        var builder = new ManifestDocument.Builder();
        BoundedYaml.Stream(file.Text, file.Path, ParseLimits.Manifest, builder.Add);
        return builder.Documents.Select((d, i) => (i + 1, d)).ToList();
    }

    /// <summary>JSON with comments and trailing commas allowed; duplicate keys and the limits checked as for YAML.</summary>
    private static IReadOnlyList<(int, ManifestDocument)> LoadJson(ManifestFile file)
    {
        using var document = StrictJson.Parse(file.Text, $"{file.Path}: document 1", ParseLimits.Manifest, allowCommentsAndTrailingCommas: true,
            syntaxFix: "Fix the JSON syntax");
        var events = new List<ManifestEvent>();
        Add(events, document.RootElement);
        return [(1, new ManifestDocument([.. events]))];
    }

    /// <summary>Strings read as quoted scalars, null as YAML's null, numbers and booleans as plain scalars.</summary>
    private static void Add(List<ManifestEvent> events, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object or JsonValueKind.Array:
                var index = events.Count;
                var mapping = element.ValueKind == JsonValueKind.Object;
                events.Add(new ManifestEvent { Kind = mapping ? ManifestNodeKind.Mapping : ManifestNodeKind.Sequence });
                if (mapping)
                {
                    foreach (var property in element.EnumerateObject())
                    {
                        events.Add(new ManifestEvent { Kind = ManifestNodeKind.Scalar, Style = ScalarStyle.DoubleQuoted, Value = property.Name });
                        Add(events, property.Value);
                    }
                }
                else
                {
                    foreach (var item in element.EnumerateArray())
                    {
                        Add(events, item);
                    }
                }

                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(events)[index].End = events.Count;
                break;
            case JsonValueKind.String:
                events.Add(new ManifestEvent { Kind = ManifestNodeKind.Scalar, Style = ScalarStyle.DoubleQuoted, Value = element.GetString() });
                break;
            case JsonValueKind.Null:
                events.Add(new ManifestEvent { Kind = ManifestNodeKind.Scalar, Style = ScalarStyle.Plain, Value = "null" });
                break;
            default:
                events.Add(new ManifestEvent { Kind = ManifestNodeKind.Scalar, Style = ScalarStyle.Plain, Value = element.GetRawText() });
                break;
        }
    }
}
