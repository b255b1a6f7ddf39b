using System.Text.Json;
using Palisade.Stacks.Parsing;
using YamlDotNet.Core;

namespace Palisade.Infra.Manifests;

/// <summary>Splits a manifest file into its documents (1-based numbers, empty documents included).</summary>
internal static class ManifestDocuments
{
    public static IReadOnlyList<(int Number, ManifestDocument Document)> Load(ManifestFile file) =>
        file.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? LoadJson(file) : LoadYaml(file);

    /// <summary>
    /// Through <see cref="ManifestYamlReader"/> when it reads the file; otherwise (another construct, or an error to
    /// report with its position) through YamlDotNet's checked parser.
    /// </summary>
    private static IReadOnlyList<(int, ManifestDocument)> LoadYaml(ManifestFile file)
    {
        StrictText.Check(file.Text, file.Path, ParseLimits.Manifest);
        var documents = ManifestYamlReader.TryRead(file.Text, ParseLimits.Manifest) ?? LoadWithYamlDotNet(file.Text, file.Path);
        return documents.Select((d, i) => (i + 1, d)).ToList();
    }

    /// <summary>The documents as YamlDotNet's checked parser reads them.</summary>
    /// <exception cref="Palisade.Components.Diagnostics.InputError">The text breaks a limit or is not valid YAML.</exception>
    internal static List<ManifestDocument> LoadWithYamlDotNet(string text, string path)
    {
        var builder = new ManifestDocument.Builder();
        BoundedYaml.Stream(text, path, ParseLimits.Manifest, builder.Add);
        return builder.Documents;
    }

    /// <summary>JSON with comments and trailing commas allowed; duplicate keys and the limits checked as for YAML.</summary>
    private static IReadOnlyList<(int, ManifestDocument)> LoadJson(ManifestFile file)
    {
        using var document = StrictJson.Parse(file.Text, $"{file.Path}: document 1", ParseLimits.Manifest, allowCommentsAndTrailingCommas: true,
            syntaxFix: "Fix the JSON syntax");
        var builder = new ManifestDocument.Builder();
        Add(builder, document.RootElement);
        builder.Finish();
        return [(1, builder.Documents[0])];
    }

    /// <summary>Strings read as quoted scalars, null as YAML's null, numbers and booleans as plain scalars; JSON has no lines to name.</summary>
    private static void Add(ManifestDocument.Builder builder, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Open(ManifestNodeKind.Mapping, 0);
                foreach (var property in element.EnumerateObject())
                {
                    builder.Scalar(property.Name, ScalarStyle.DoubleQuoted, 0);
                    Add(builder, property.Value);
                }

                builder.Close();
                break;
            case JsonValueKind.Array:
                builder.Open(ManifestNodeKind.Sequence, 0);
                foreach (var item in element.EnumerateArray())
                {
                    Add(builder, item);
                }

                builder.Close();
                break;
            case JsonValueKind.String:
                builder.Scalar(element.GetString(), ScalarStyle.DoubleQuoted, 0);
                break;
            case JsonValueKind.Null:
                builder.Scalar("null", ScalarStyle.Plain, 0);
                break;
            default:
                builder.Scalar(element.GetRawText(), ScalarStyle.Plain, 0);
                break;
        }
    }
}
