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
        var workloads = cluster.Workloads;
        var ids = new string[workloads.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = workloads[i].Id;
        }

        // Stable, as OrderBy was: workloads with equal ids are rejected below either way.
        var order = new int[ids.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => string.CompareOrdinal(ids[a], ids[b]) is var byId and not 0 ? byId : a.CompareTo(b));
        var result = new List<Workload>(ids.Length);
        for (var i = 0; i < order.Length; i++)
        {
            if (i > 0 && ids[order[i]] == ids[order[i - 1]])
            {
                throw new ArgumentException($"workload {ids[order[i]]} appears twice in the cluster model", nameof(cluster));
            }

            result.Add(workloads[order[i]]);
        }

        return result;
    }
}
