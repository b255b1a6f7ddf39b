using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Palisade.Infra.Emit;

/// <summary>
/// Writes YAML in block style only, two-space indents, with a string left plain only when no YAML 1.1 or 1.2 reader
/// could take it for anything else (number, boolean, null, date, indicator); everything else is double-quoted.
/// Block style everywhere also keeps <c>${...}</c> out of flow collections, where it would not parse.
/// </summary>
internal static partial class YamlWriter
{
    [GeneratedRegex(@"^[A-Za-z_/$][A-Za-z0-9_./:$@{}\[\]()=+*-]*$")]
    private static partial Regex PlainSafe();

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf",
    };

    public static string Write(YamlNode document)
    {
        var builder = new StringBuilder();
        WriteNode(builder, document, 0, inSequence: false, afterKey: false);
        return builder.ToString();
    }

    public static string WriteDocuments(IEnumerable<YamlNode> documents) =>
        string.Join("---\n", documents.Select(Write));

    private static void WriteNode(StringBuilder output, YamlNode node, int indent, bool inSequence, bool afterKey)
    {
        switch (node)
        {
            case YamlScalar scalar:
                output.Append(afterKey ? " " : string.Empty).Append(Scalar(scalar)).Append('\n');
                break;
            case YamlSequence { Items.Count: 0 }:
                output.Append(afterKey ? " []\n" : "[]\n");
                break;
            case YamlMapping { Entries.Count: 0 }:
                output.Append(afterKey ? " {}\n" : "{}\n");
                break;
            case YamlSequence sequence:
                if (afterKey || inSequence)
                {
                    output.Append('\n');
                }

                foreach (var item in sequence.Items)
                {
                    output.Append(' ', indent).Append("- ");
                    WriteNode(output, item, indent + 2, inSequence: true, afterKey: false);
                }

                break;
            case YamlMapping mapping:
                if (afterKey)
                {
                    output.Append('\n');
                }

                var first = true;
                foreach (var (key, value) in mapping.Entries)
                {
                    // The first key of a mapping inside a sequence item continues the "- " line.
                    if (!(inSequence && first))
                    {
                        output.Append(' ', indent);
                    }

                    first = false;
                    output.Append(Key(key)).Append(':');
                    WriteNode(output, value, indent + 2, inSequence: false, afterKey: true);
                }

                break;
        }
    }

    private static string Key(string key) => IsPlainSafe(key) ? key : Quote(key);

    private static string Scalar(YamlScalar scalar) => scalar.Kind switch
    {
        ScalarKind.String => IsPlainSafe(scalar.Text) ? scalar.Text : Quote(scalar.Text),
        _ => scalar.Text,
    };

    public static bool IsPlainSafe(string text) =>
        text.Length > 0 && PlainSafe().IsMatch(text) && !Reserved.Contains(text) && !text.EndsWith(':');

    public static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
