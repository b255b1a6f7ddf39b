using System.Text.Json;
using Palisade.Components.Diagnostics;
using Palisade.Stacks.Parsing;
using YamlDotNet.RepresentationModel;

namespace Palisade.Stacks.Config;

/// <summary>
/// Reads stack config from the text of a <c>Pulumi.&lt;stack&gt;.yaml</c> file, or from the <c>PULUMI_CONFIG</c> JSON
/// the Pulumi YAML host passes to the compiler command. Pure: the caller does the I/O.
/// </summary>
public static class StackConfigParser
{
    public const string EnvironmentSource = "PULUMI_CONFIG";

    public static string FileName(string stack) => $"Pulumi.{stack}.yaml";

    /// <exception cref="InputError">
    /// The text breaks <see cref="ParseLimits.StackFile"/> (size, depth, aliases, a second document, duplicate or
    /// non-plain keys, control characters) or is not valid YAML.
    /// </exception>
    public static StackConfig ParseFile(string stack, string fileName, string text)
    {
        var documents = BoundedYaml.Load(text, fileName, ParseLimits.StackFile);
        var values = new SortedDictionary<string, ConfigValue>(StringComparer.Ordinal);
        if (documents.Count == 0 || documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new StackConfig(stack, fileName, values);
        }

        if (documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InputError(fileName, "the file is not a mapping", "A stack file has a top-level `config:` mapping.");
        }

        var config = root.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "config" }).Value;
        if (config is null or YamlScalarNode { Value: null or "" })
        {
            return new StackConfig(stack, fileName, values);
        }

        if (config is not YamlMappingNode map)
        {
            throw new InputError($"{fileName}: config", "`config` is not a mapping", "Write config as `key: value` lines under `config:`.");
        }

        foreach (var (key, node) in map.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? string.Empty;
            values[name] = FromYaml(node);
        }

        return new StackConfig(stack, fileName, values);
    }

    /// <summary>
    /// Config from the Pulumi engine. Values arrive as strings (lists and maps JSON-encoded) and secrets arrive
    /// decrypted, so keys the schema marks secret are replaced by <see cref="ConfigSecret"/> at once.
    /// </summary>
    public static StackConfig ParseEnvironment(string stack, string? json)
    {
        var values = new SortedDictionary<string, ConfigValue>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(json))
        {
            using var document = StrictJson.Parse(json, EnvironmentSource, ParseLimits.PulumiConfig);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InputError(EnvironmentSource, $"the variable holds a JSON {Kind(document.RootElement)}, not an object of config keys",
                    "Run through `pulumi preview` or `pulumi up`, which set it to an object such as {\"palisade:cloud\": \"aws\"}");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                var isSecret = property.Name.StartsWith($"{ConfigSchema.Project}:", StringComparison.Ordinal) &&
                               ConfigSchema.Find(property.Name[(ConfigSchema.Project.Length + 1)..]) is { Secret: true };
                values[property.Name] = isSecret ? new ConfigSecret() : FromEngineString(property.Name, property.Value);
            }
        }

        return new StackConfig(stack, EnvironmentSource, values);
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "list",
        JsonValueKind.String => $"string ({Excerpt.Quote(element.GetString() ?? string.Empty)})",
        JsonValueKind.Number => $"number ({Excerpt.Quote(element.GetRawText())})",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static ConfigValue FromYaml(YamlNode node) => node switch
    {
        YamlMappingNode m when m.Children.Count == 1 && m.Children.Keys.Single() is YamlScalarNode { Value: "secure" } => new ConfigSecret(),
        YamlMappingNode m => new ConfigMap(m.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value ?? string.Empty, e => FromYaml(e.Value))),
        YamlSequenceNode s => new ConfigList(s.Children.Select(FromYaml).ToList()),
        YamlScalarNode s => new ConfigScalar(s.Value ?? string.Empty),
        _ => new ConfigScalar(string.Empty),
    };

    /// <summary>
    /// The engine passes lists and maps JSON-encoded in a string. Such a string is decoded within the same limits
    /// (depth, duplicate keys); one that does not parse as JSON stays a plain string.
    /// </summary>
    private static ConfigValue FromEngineString(string key, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return FromJson(element);
        }

        var text = element.GetString() ?? string.Empty;
        var trimmed = text.TrimStart();
        if (!trimmed.StartsWith('[') && !trimmed.StartsWith('{'))
        {
            return new ConfigScalar(text);
        }

        JsonDocument nested;
        try
        {
            nested = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = ParseLimits.PulumiConfig.MaxDepth });
        }
        catch (JsonException e) when (!e.Message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return new ConfigScalar(text);
        }
        catch (JsonException)
        {
            throw new InputError($"{EnvironmentSource}: key {key}",
                $"the JSON-encoded value nests more than {ParseLimits.PulumiConfig.MaxDepth} levels deep", "Flatten the value");
        }

        using (nested)
        {
            StrictJson.CheckKeysAndStrings(nested.RootElement, EnvironmentSource, key);
            return FromJson(nested.RootElement);
        }
    }

    private static ConfigValue FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => new ConfigList(element.EnumerateArray().Select(FromJson).ToList()),
        JsonValueKind.Object => new ConfigMap(element.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value))),
        JsonValueKind.String => new ConfigScalar(element.GetString() ?? string.Empty),
        JsonValueKind.True => new ConfigScalar("true"),
        JsonValueKind.False => new ConfigScalar("false"),
        _ => new ConfigScalar(element.GetRawText()),
    };
}
