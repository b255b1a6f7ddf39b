using Palisade.Components.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Palisade.Infra.Diff;

/// <summary>
/// One side's Main.yaml, parsed once: its resources by logical name, the config keys declared secret (and the variables
/// computed from them) and the whole document for the program's other sections.
/// </summary>
internal sealed record ProgramDocument(IReadOnlyDictionary<string, YamlNode> Resources, IReadOnlyList<string> SecretConfig, YamlMappingNode? Root = null)
{
    public static ProgramDocument Parse(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ProgramDocument(new Dictionary<string, YamlNode>(), []);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new InputError(name, $"not a valid YAML program ({e.Message})", "Synthesize it again with the `synth` verb.");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new ProgramDocument(new Dictionary<string, YamlNode>(), []);
        }

        var resources = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (root.Children.TryGetValue(new YamlScalarNode("resources"), out var section) && section is YamlMappingNode map)
        {
            foreach (var (key, value) in map.Children)
            {
                resources[((YamlScalarNode)key).Value ?? ""] = value;
            }
        }

        var secrets = new List<string>();
        if (root.Children.TryGetValue(new YamlScalarNode("config"), out var config) && config is YamlMappingNode configMap)
        {
            foreach (var (key, value) in configMap.Children)
            {
                if (value is YamlMappingNode declaration &&
                    declaration.Children.TryGetValue(new YamlScalarNode("secret"), out var secret) &&
                    secret is YamlScalarNode { Value: "true" })
                {
                    secrets.Add(((YamlScalarNode)key).Value ?? "");
                }
            }
        }

        // A variable computed from a secret (directly or through other variables) is secret too.
        if (root.Children.TryGetValue(new YamlScalarNode("variables"), out var variables) && variables is YamlMappingNode variableMap)
        {
            var added = true;
            while (added)
            {
                added = false;
                foreach (var (key, value) in variableMap.Children)
                {
                    var variable = ((YamlScalarNode)key).Value ?? "";
                    var definition = ValueRendering.Compact(value, _ => false, maskSecretKeys: false);
                    if (!secrets.Contains(variable) &&
                        (definition.Contains("fn::secret", StringComparison.Ordinal) ||
                         ValueRendering.Reference().Matches(definition).Any(m => secrets.Contains(m.Groups[1].Value.Split('.', '[')[0]))))
                    {
                        secrets.Add(variable);
                        added = true;
                    }
                }
            }
        }

        return new ProgramDocument(resources, secrets, root);
    }
}

internal static class ProgramDocumentExtensions
{
    /// <summary>A top-level section of the program (config, variables, outputs), or null.</summary>
    public static YamlNode? Section(this ProgramDocument program, string name) =>
        program.Root is not null && program.Root.Children.TryGetValue(new YamlScalarNode(name), out var node) ? node : null;
}
