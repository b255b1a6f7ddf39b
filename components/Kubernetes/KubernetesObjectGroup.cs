using Palisade.Components.Graph;

namespace Palisade.Components.Kubernetes;

/// <summary>
/// A custom resource (any apiVersion and kind the kubernetes package has no type for) as a
/// <c>kubernetes:yaml/v2:ConfigGroup</c> holding exactly that object in <c>objs</c>: Pulumi YAML refuses
/// <c>kubernetes:apiextensions.k8s.io:CustomResource</c> (pulumi-yaml's blocklist), and one group per object keeps each
/// object its own resource in previews and diffs. The manifest renderer writes the object as it is.
/// </summary>
internal static class KubernetesObjectGroup
{
    public const string Type = "kubernetes:yaml/v2:ConfigGroup";
    public const string ObjectsKey = "objs";

    public static Resource Add(ResourceGraph graph, Component parent, string logicalName, string apiVersion, string kind, MapValue metadata,
        MapValue spec, ResourceOptions options) =>
        graph.AddResource(parent, Type, logicalName, new MapBuilder
        {
            {
                ObjectsKey, ListValue.Of(new MapBuilder
                {
                    { "apiVersion", apiVersion },
                    { "kind", kind },
                    { "metadata", metadata },
                    { "spec", spec },
                }.Build())
            },
        }, options);

    /// <summary>The objects a resource of this type holds (none for any other type).</summary>
    public static IEnumerable<MapValue> Objects(Resource resource) =>
        resource.Type == Type && resource.Properties[ObjectsKey] is ListValue objects ? objects.Items.OfType<MapValue>() : [];
}
