namespace Palisade.Components.Kubernetes;

/// <summary>A container port of a workload's pod template; Name resolves named ports in policies.</summary>
public sealed record ContainerPort(int Port, Protocol Protocol = Protocol.TCP, string? Name = null);

/// <summary>
/// The unit connectivity is reported on: a controller (Deployment, StatefulSet, ...) or a bare Pod, with the labels
/// and container ports of its pod template.
/// </summary>
public sealed record Workload(
    string Namespace,
    string Name,
    string Kind,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<ContainerPort> Ports)
{
    /// <summary>The report name, "namespace/name[Kind]".</summary>
    public string Id => $"{Namespace}/{Name}[{Kind}]";
}

/// <summary>A namespace with its labels; the API server's kubernetes.io/metadata.name label is always implied.</summary>
public sealed record NamespaceInfo(string Name, IReadOnlyDictionary<string, string> Labels)
{
    public IReadOnlyDictionary<string, string> EffectiveLabels
    {
        get
        {
            var labels = new SortedDictionary<string, string>(Labels.ToDictionary(), StringComparer.Ordinal)
            {
                [WellKnownLabels.NamespaceName] = Name,
            };
            return labels;
        }
    }
}

/// <summary>
/// Everything the connectivity analysis looks at: namespaces, workloads, NetworkPolicies and the cluster-scoped
/// policies of the Admin and Baseline tiers.
/// </summary>
public sealed record ClusterModel(
    IReadOnlyList<NamespaceInfo> Namespaces,
    IReadOnlyList<Workload> Workloads,
    IReadOnlyList<NetworkPolicy> Policies,
    IReadOnlyList<ClusterNetworkPolicy>? ClusterPolicies = null)
{
    public IReadOnlyList<ClusterNetworkPolicy> EffectiveClusterPolicies => ClusterPolicies ?? [];
}
