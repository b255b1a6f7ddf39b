using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.ZeroTrust;

/// <summary>Adds a NetworkPolicy resource to the graph from the typed model.</summary>
internal static class NetworkPolicyResource
{
    public static readonly IReadOnlyDictionary<string, string> ManagedLabels =
        Labels.Of((WellKnownLabels.ManagedBy, "palisade"));

    public static Resource Add(ResourceGraph graph, Component parent, string logicalName, NetworkPolicy policy, Value namespaceRef, ResourceOptions options)
    {
        var labels = new SortedDictionary<string, string>(ManagedLabels.ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, value) in policy.Labels ?? new Dictionary<string, string>())
        {
            labels[key] = value;
        }

        return graph.AddResource(parent, KubernetesTypes.NetworkPolicy, logicalName,
            new MapBuilder
            {
                { "metadata", KubernetesProperties.Metadata(policy.Name, namespaceRef, labels) },
                { "spec", KubernetesProperties.NetworkPolicySpec(policy) },
            },
            options);
    }
}
