using System.Globalization;
using System.Text.Json.Nodes;
using Palisade.Components.Graph;

namespace Palisade.Infra.Emit;

/// <summary>
/// Resolves graph values to plain data for manifests: references become the values the synthesizer knows
/// (explicit names, non-secret config); what only exists after deployment becomes a visible placeholder, and a
/// secret is never written out.
/// </summary>
internal static class ResolvedValues
{
    public static YamlNode ToYaml(Value value) => value switch
    {
        StringValue s => new YamlScalar(s.Text),
        NumberValue n => new YamlScalar(n.Number.ToString(CultureInfo.InvariantCulture), ScalarKind.Number),
        BoolValue b => new YamlScalar(b.Flag ? "true" : "false", ScalarKind.Boolean),
        ListValue l => new YamlSequence(l.Items.Select(ToYaml).ToList()),
        MapValue m => new YamlMapping(m.Entries.Select(e => new KeyValuePair<string, YamlNode>(e.Key, ToYaml(e.Value))).ToList()),
        _ => new YamlScalar(Text(value)),
    };

    /// <summary>The value as a string, as it would be once deployed (or a placeholder naming what it waits for).</summary>
    public static string Text(Value value) => value switch
    {
        StringValue s => s.Text,
        NumberValue n => n.Number.ToString(CultureInfo.InvariantCulture),
        BoolValue b => b.Flag ? "true" : "false",
        OutputRef { Known: { } known } => Text(known),
        OutputRef r => $"<known after deploy: {r.Resource.LogicalName}{(r.Path.Length > 0 ? "." + r.Path : string.Empty)}>",
        ConfigRef { Secret: true } c => $"<secret config: {c.Key}>",
        ConfigRef { Known: { } known } => Text(known),
        ConfigRef c => $"<config: {c.Key}>",
        VariableRef { Known: { } known } => Text(known),
        VariableRef v => $"<known after deploy: {v.Name}>",
        Interpolation i => string.Concat(i.Parts.Select(Text)),
        FunctionCall { Name: "toJSON" } f => ToJson(f.Argument)?.ToJsonString() ?? "null",
        FunctionCall f => $"<known after deploy: fn::{f.Name}>",
        _ => ToJson(value)?.ToJsonString() ?? "null",
    };

    public static JsonNode? ToJson(Value value) => value switch
    {
        NumberValue n => JsonValue.Create(n.Number),
        BoolValue b => JsonValue.Create(b.Flag),
        ListValue l => new JsonArray(l.Items.Select(ToJson).ToArray()),
        MapValue m => new JsonObject(m.Entries.Select(e => new KeyValuePair<string, JsonNode?>(e.Key, ToJson(e.Value)))),
        _ => JsonValue.Create(Text(value)),
    };
}
