using System.Globalization;
using System.Text;
using Palisade.Components.Graph;

namespace Palisade.Infra.Emit;

/// <summary>
/// Turns graph values into Pulumi YAML expressions: references become <c>${...}</c>, built-ins become
/// <c>fn::</c> mappings, and every literal <c>$</c> is doubled so no literal text is ever read as an interpolation.
/// </summary>
internal static class ProgramValues
{
    public static YamlNode ToYaml(Value value) => value switch
    {
        StringValue s => new YamlScalar(Escape(s.Text)),
        NumberValue n => new YamlScalar(n.Number.ToString(CultureInfo.InvariantCulture), ScalarKind.Number),
        BoolValue b => new YamlScalar(b.Flag ? "true" : "false", ScalarKind.Boolean),
        ListValue l => new YamlSequence(l.Items.Select(ToYaml).ToList()),
        MapValue m => new YamlMapping(m.Entries.Select(e => new KeyValuePair<string, YamlNode>(Escape(e.Key), ToYaml(e.Value))).ToList()),
        OutputRef or ConfigRef or VariableRef => new YamlScalar(Reference(value)),
        Interpolation i => new YamlScalar(Interpolate(i)),
        FunctionCall f => YamlMapping.Of(($"fn::{f.Name}", ToYaml(f.Argument))),
        _ => throw new InvalidOperationException($"Unsupported value {value.GetType().Name}."),
    };

    public static string Reference(Value value) => value switch
    {
        OutputRef { Path: "" } r => $"${{{r.Resource.LogicalName}}}",
        OutputRef r => $"${{{r.Resource.LogicalName}.{r.Path}}}",
        ConfigRef c => $"${{{c.Key}}}",
        VariableRef v => $"${{{v.Name}}}",
        _ => throw new InvalidOperationException($"{value.GetType().Name} is not a reference."),
    };

    public static string Escape(string literal) => literal.Replace("$", "$$", StringComparison.Ordinal);

    private static string Interpolate(Interpolation interpolation)
    {
        var builder = new StringBuilder();
        foreach (var part in interpolation.Parts)
        {
            builder.Append(part switch
            {
                StringValue s => Escape(s.Text),
                NumberValue n => n.Number.ToString(CultureInfo.InvariantCulture),
                OutputRef or ConfigRef or VariableRef => Reference(part),
                _ => throw new InvalidOperationException($"{part.GetType().Name} cannot be interpolated into a string."),
            });
        }

        return builder.ToString();
    }
}
