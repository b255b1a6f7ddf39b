using System.Text.Json;
using Palisade.Components.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Palisade.Infra.Manifests;

/// <summary>Splits a manifest file into its documents (1-based numbers, empty documents included).</summary>
internal static class ManifestDocuments
{
    public static IReadOnlyList<(int Number, YamlNode Root)> Load(ManifestFile file) =>
        file.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? LoadJson(file) : LoadYaml(file);

    private static IReadOnlyList<(int, YamlNode)> LoadYaml(ManifestFile file)
    {
        var parser = new CountingParser(new Parser(new StringReader(file.Text)));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new InputError($"{file.Path}: document {Math.Max(parser.Documents, 1)} (line {e.Start.Line}, column {e.Start.Column})",
                $"the file is not valid YAML: {e.Message}", "Fix the YAML syntax (indentation, quoting, duplicate keys)");
        }

        return stream.Documents.Select((d, i) => (i + 1, d.RootNode)).ToList();
    }

    private static IReadOnlyList<(int, YamlNode)> LoadJson(ManifestFile file)
    {
        try
        {
            using var document = JsonDocument.Parse(file.Text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return [(1, ToYaml(document.RootElement))];
        }
        catch (ArgumentException e)
        {
            throw new InputError($"{file.Path}: document 1", $"the JSON has a duplicate key ({e.Message})", "Remove the duplicate key");
        }
        catch (JsonException e)
        {
            throw new InputError($"{file.Path}: document 1 (line {(e.LineNumber ?? 0) + 1})", $"the file is not valid JSON: {e.Message}",
                "Fix the JSON syntax");
        }
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

    /// <summary>Counts documents as they are parsed, so a syntax error can name the document it is in.</summary>
    private sealed class CountingParser(IParser inner) : IParser
    {
        public int Documents { get; private set; }

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            if (moved && inner.Current is DocumentStart)
            {
                Documents++;
            }

            return moved;
        }
    }
}
