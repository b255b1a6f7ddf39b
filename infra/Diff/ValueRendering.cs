using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Palisade.Infra.Secrets;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Palisade.Infra.Diff;

/// <summary>Renders values for display, replacing anything secret with the mask; never cuts a value.</summary>
internal sealed partial class ValueRendering(IReadOnlySet<string> secretConfig)
{
    [GeneratedRegex(@"\$\{([^}]+)\}")]
    public static partial Regex Reference();

    public string Render(YamlNode node, bool secretContext)
    {
        if (secretContext && !(node is YamlScalarNode { Value: "true" or "false" }))
        {
            return SecretNames.Mask;
        }

        return Compact(node, IsSecretScalar, maskSecretKeys: true);
    }

    public bool IsSecretName(string configOrVariable) => secretConfig.Contains(configOrVariable);

    private bool IsSecretScalar(string value) =>
        Reference().Matches(value).Any(m => secretConfig.Contains(m.Groups[1].Value.Split('.', '[')[0]));

    /// <summary>A one-line, JSON-like rendering: scalars as written, mappings and lists in flow style.</summary>
    public static string Compact(YamlNode node, Func<string, bool> isSecret, bool maskSecretKeys)
    {
        var text = new StringBuilder();
        Write(node, text, isSecret, maskSecretKeys, maskAll: false);
        return text.ToString();
    }

    private static void Write(YamlNode node, StringBuilder text, Func<string, bool> isSecret, bool maskSecretKeys, bool maskAll)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                var value = scalar.Value ?? "";
                if (maskAll || isSecret(value))
                {
                    text.Append(SecretNames.Mask);
                }
                else if (scalar.Style is ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted && NeedsQuotes(value))
                {
                    text.Append('"').Append(value.Replace("\"", "\\\"")).Append('"');
                }
                else
                {
                    text.Append(value);
                }

                break;
            case YamlSequenceNode list:
                text.Append('[');
                for (var i = 0; i < list.Children.Count; i++)
                {
                    text.Append(i == 0 ? "" : ", ");
                    Write(list.Children[i], text, isSecret, maskSecretKeys, maskAll);
                }

                text.Append(']');
                break;
            case YamlMappingNode map:
                text.Append('{');
                var first = true;
                foreach (var (key, child) in map.Children.OrderBy(c => ((YamlScalarNode)c.Key).Value, StringComparer.Ordinal))
                {
                    var name = ((YamlScalarNode)key).Value ?? "";
                    text.Append(first ? "" : ", ").Append(name).Append(": ");
                    first = false;
                    var secretKey = maskSecretKeys && SecretNames.LooksSecret(name) && !(child is YamlScalarNode { Value: "true" or "false" });
                    Write(child, text, isSecret, maskSecretKeys, maskAll || secretKey);
                }

                text.Append('}');
                break;
        }
    }

    /// <summary>Quoted scalars that would read as another type unquoted (numbers, booleans, empty) keep their quotes.</summary>
    private static bool NeedsQuotes(string value) =>
        value.Length == 0 || value is "true" or "false" or "null" ||
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
