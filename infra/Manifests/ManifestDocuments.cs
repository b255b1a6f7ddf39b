using System.Text.Json;
using Palisade.Stacks.Parsing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Palisade.Infra.Manifests;

/// <summary>Splits a manifest file into its documents (1-based numbers, empty documents included).</summary>
internal static class ManifestDocuments
{
    public static IReadOnlyList<(int Number, YamlNode Root)> Load(ManifestFile file) =>
        file.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? LoadJson(file) : LoadYaml(file);

    private static IReadOnlyList<(int, YamlNode)> LoadYaml(ManifestFile file) =>
        BoundedYaml.Load(file.Text, file.Path, ParseLimits.Manifest).Select((d, i) => (i + 1, d.RootNode)).ToList();

    /// <summary>JSON with comments and trailing commas allowed; duplicate keys and the limits checked as for YAML.</summary>
    private static IReadOnlyList<(int, YamlNode)> LoadJson(ManifestFile file)
    {
        using var document = StrictJson.Parse(file.Text, $"{file.Path}: document 1", ParseLimits.Manifest, allowCommentsAndTrailingCommas: true,
            syntaxFix: "Fix the JSON syntax");
        return [(1, ToYaml(document.RootElement))];
    }

    private static YamlNode ToYaml(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new YamlMappingNode(element.EnumerateObject()
            .Select(p => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(p.Name) { Style = ScalarStyle.DoubleQuoted }, ToYaml(p.Value)))),
        JsonValueKind.Array => new YamlSequenceNode(element.EnumerateArray().Select(ToYaml)),
        JsonValueKind.String => new YamlScalarNode(element.GetString()) { Style = ScalarStyle.DoubleQuoted },
        JsonValueKind.Null => new YamlScalarNode("null") { Style = ScalarStyle.Plain },
        _ => new YamlScalarNode(element.GetRawText()) { Style = ScalarStyle.Plain },
    };
}
