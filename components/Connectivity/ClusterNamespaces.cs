using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// The effective labels of every namespace a workload lives in: the declared labels plus the API server's
/// kubernetes.io/metadata.name; a namespace with no manifest has only that label.
/// </summary>
internal static class ClusterNamespaces
{
    public static Dictionary<string, Dictionary<string, string>> EffectiveLabels(ClusterModel cluster)
    {
        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var ns in cluster.Namespaces)
        {
            if (!result.ContainsKey(ns.Name))
            {
                result[ns.Name] = new Dictionary<string, string>(ns.EffectiveLabels, StringComparer.Ordinal);
            }
        }

        foreach (var workload in cluster.Workloads)
        {
            if (!result.ContainsKey(workload.Namespace))
            {
                result[workload.Namespace] = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [WellKnownLabels.NamespaceName] = workload.Namespace,
                };
            }
        }

        return result;
    }

    public static List<Workload> SortedWorkloads(ClusterModel cluster)
    {
        var sorted = cluster.Workloads.OrderBy(w => w.Id, StringComparer.Ordinal).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Id == sorted[i - 1].Id)
            {
                throw new ArgumentException($"workload {sorted[i].Id} appears twice in the cluster model", nameof(cluster));
            }
        }

        return sorted;
    }
}
