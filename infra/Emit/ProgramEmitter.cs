using Palisade.Components.Graph;

namespace Palisade.Infra.Emit;

/// <summary>
/// Writes the resource graph as one Pulumi YAML program (Main.yaml). Components are flattened; resources are keyed
/// by logical name in ordinal order, so the same graph always gives the same bytes.
/// </summary>
internal static class ProgramEmitter
{
    public static string Emit(ResourceGraph graph, string description) => YamlWriter.Write(Document(graph, description));

    public static YamlMapping Document(ResourceGraph graph, string description) => YamlMapping.Of(
        ("name", new YamlScalar(graph.Project)),
        ("description", new YamlScalar(description)),
        ("config", graph.Config.Count == 0 ? null : Config(graph)),
        ("variables", graph.Variables.Count == 0 ? null : Section(graph.Variables)),
        ("resources", new YamlMapping(graph.Resources
            .OrderBy(r => r.LogicalName, StringComparer.Ordinal)
            .Select(r => new KeyValuePair<string, YamlNode>(r.LogicalName, Resource(r)))
            .ToList())),
        ("outputs", graph.Outputs.Count == 0 ? null : Section(graph.Outputs)));

    private static YamlMapping Config(ResourceGraph graph) => new(graph.Config.Values
        .Select(c => new KeyValuePair<string, YamlNode>(c.Key, YamlMapping.Of(
            ("type", new YamlScalar(c.Type.ToString().ToLowerInvariant())),
            ("secret", c.Secret ? new YamlScalar("true", ScalarKind.Boolean) : null))))
        .ToList());

    private static YamlMapping Section(IReadOnlyDictionary<string, Value> entries) =>
        new(entries.Select(e => new KeyValuePair<string, YamlNode>(e.Key, ProgramValues.ToYaml(e.Value))).ToList());

    private static YamlMapping Resource(Resource resource) => YamlMapping.Of(
        ("type", new YamlScalar(resource.Type)),
        ("properties", resource.Properties.Entries.Count == 0 ? null : ProgramValues.ToYaml(resource.Properties)),
        ("options", Options(resource.Options)));

    private static YamlMapping? Options(ResourceOptions options)
    {
        var mapping = YamlMapping.Of(
            ("provider", options.Provider is null ? null : Ref(options.Provider)),
            ("parent", options.Parent is null ? null : Ref(options.Parent)),
            ("dependsOn", options.DependsOn.Count == 0 ? null : new YamlSequence(options.DependsOn.Select(Ref).ToList())),
            ("protect", options.Protect ? new YamlScalar("true", ScalarKind.Boolean) : null),
            ("retainOnDelete", options.RetainOnDelete ? new YamlScalar("true", ScalarKind.Boolean) : null),
            ("ignoreChanges", options.IgnoreChanges.Count == 0
                ? null
                : new YamlSequence(options.IgnoreChanges.Select(p => (YamlNode)new YamlScalar(p)).ToList())),
            ("version", options.Version is null ? null : new YamlScalar(options.Version)));
        return mapping.Entries.Count == 0 ? null : mapping;
    }

    private static YamlScalar Ref(Resource resource) => new(ProgramValues.Reference(resource.Self));
}
