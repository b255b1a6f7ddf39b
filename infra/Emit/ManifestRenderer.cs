using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;

namespace Palisade.Infra.Emit;

/// <summary>
/// Renders the Kubernetes objects of the graph as plain manifests, one file per namespace with the Namespace object
/// first, so <c>kubectl apply -f</c> on the folder creates namespaces before what lives in them.
/// </summary>
internal static class ManifestRenderer
{
    private static readonly string[] KindOrder = ["Namespace", "ServiceAccount", "NetworkPolicy"];

    /// <summary>Relative path ("manifests/voting-api.yaml") to file text.</summary>
    public static IReadOnlyDictionary<string, string> Render(ResourceGraph graph, string folder = "manifests")
    {
        var objects = graph.Resources
            .Select(r => (Resource: r, Kind: KubernetesTypes.ObjectKind(r.Type)))
            .Where(o => o.Kind is not null)
            .Select(o => Manifest(o.Resource, o.Kind!.Value.ApiVersion, o.Kind!.Value.Kind))
            .Concat(graph.Resources.SelectMany(KubernetesObjectGroup.Objects).Select(GroupedObject))
            .ToList();

        return objects
            .GroupBy(o => o.FileKey, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(
                g => $"{folder}/{g.Key}.yaml",
                g => YamlWriter.WriteDocuments(g
                    .OrderBy(o => KindRank(o.Kind))
                    .ThenBy(o => o.Kind, StringComparer.Ordinal)
                    .ThenBy(o => o.Name, StringComparer.Ordinal)
                    .Select(o => o.Document)),
                StringComparer.Ordinal);
    }

    private static int KindRank(string kind)
    {
        var index = Array.IndexOf(KindOrder, kind);
        return index < 0 ? KindOrder.Length : index;
    }

    private static RenderedObject Manifest(Resource resource, string apiVersion, string kind)
    {
        var metadata = resource.Properties["metadata"] as MapValue;
        var name = metadata?["name"] is { } n ? ResolvedValues.Text(n) : resource.LogicalName;
        var ns = metadata?["namespace"] is { } s ? ResolvedValues.Text(s) : null;
        var body = ((YamlMapping)ResolvedValues.ToYaml(resource.Properties)).Entries;
        var document = new YamlMapping(
            new[]
            {
                new KeyValuePair<string, YamlNode>("apiVersion", new YamlScalar(apiVersion)),
                new KeyValuePair<string, YamlNode>("kind", new YamlScalar(kind)),
            }.Concat(body).ToList());
        var fileKey = kind == "Namespace" ? name : ns ?? "cluster";
        return new RenderedObject(fileKey, kind, name, document);
    }

    /// <summary>An object held by a ConfigGroup (a custom resource), written as it is.</summary>
    private static RenderedObject GroupedObject(MapValue obj)
    {
        var metadata = obj["metadata"] as MapValue;
        var name = metadata?["name"] is { } n ? ResolvedValues.Text(n) : string.Empty;
        var ns = metadata?["namespace"] is { } s ? ResolvedValues.Text(s) : null;
        var kind = obj["kind"] is { } k ? ResolvedValues.Text(k) : string.Empty;
        var body = ((YamlMapping)ResolvedValues.ToYaml(obj)).Entries;
        var document = new YamlMapping(body.Where(e => e.Key is "apiVersion" or "kind")
            .OrderBy(e => e.Key == "kind" ? 1 : 0)
            .Concat(body.Where(e => e.Key is not ("apiVersion" or "kind")))
            .ToList());
        return new RenderedObject(ns ?? "cluster", kind, name, document);
    }

    private sealed record RenderedObject(string FileKey, string Kind, string Name, YamlMapping Document);
}
