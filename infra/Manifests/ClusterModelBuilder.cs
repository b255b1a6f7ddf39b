using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;

namespace Palisade.Infra.Manifests;

/// <summary>
/// Collects namespaces, workloads and policies read from manifests. Pods of one owner (and the owner's own manifest)
/// become one workload; any other object defined twice is an error.
/// </summary>
internal sealed class ClusterModelBuilder(ManifestDefects defects)
{
    private readonly Dictionary<string, (NamespaceInfo Namespace, string Where)> namespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> workloads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (NetworkPolicy Policy, string Where)> policies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ClusterNetworkPolicy Policy, string Where)> clusterPolicies = new(StringComparer.Ordinal);

    public List<string> Notes { get; } = [];

    public ManifestDefects Defects { get; } = defects;

    public void AddNamespace(NamespaceInfo ns, string where)
    {
        if (namespaces.TryGetValue(ns.Name, out var existing))
        {
            throw Duplicate(where, $"Namespace {ns.Name}", existing.Where);
        }

        namespaces[ns.Name] = (ns, where);
    }

    public void AddPolicy(NetworkPolicy policy, string where)
    {
        var key = $"{policy.Namespace}/{policy.Name}";
        if (policies.TryGetValue(key, out var existing))
        {
            throw Duplicate(where, $"NetworkPolicy {key}", existing.Where);
        }

        policies[key] = (policy, where);
    }

    public void AddClusterPolicy(ClusterNetworkPolicy policy, string where)
    {
        if (clusterPolicies.TryGetValue(policy.Id, out var existing))
        {
            throw Duplicate(where, $"{policy.Kind} {policy.Name}", existing.Where);
        }

        clusterPolicies[policy.Id] = (policy, where);
    }

    public void AddController(Workload workload, string where)
    {
        if (workloads.TryGetValue(workload.Id, out var existing))
        {
            if (existing.FromController)
            {
                throw Duplicate(where, $"{workload.Kind} {workload.Namespace}/{workload.Name}", existing.Where);
            }

            // Pods of this controller came first: the controller's template is authoritative for labels.
            workloads[workload.Id] = new Entry(workload with { Ports = Union(workload.Ports, existing.Workload.Ports) }, where, true, false);
            return;
        }

        workloads[workload.Id] = new Entry(workload, where, true, false);
    }

    public void AddPod(Workload workload, bool owned, string where)
    {
        if (!workloads.TryGetValue(workload.Id, out var existing))
        {
            workloads[workload.Id] = new Entry(workload, where, false, !owned);
            return;
        }

        if (!owned || existing.BarePod)
        {
            throw Duplicate(where, $"Pod {workload.Namespace}/{workload.Name}", existing.Where);
        }

        if (!SameLabels(existing.Workload.Labels, workload.Labels))
        {
            Notes.Add($"{where}: a pod of {workload.Id} has labels that differ from {existing.Where}; the analysis uses those of {existing.Where}");
        }

        workloads[workload.Id] = existing with { Workload = existing.Workload with { Ports = Union(existing.Workload.Ports, workload.Ports) } };
    }

    public ClusterModel Build() => new(
        namespaces.Values.Select(n => n.Namespace).OrderBy(n => n.Name, StringComparer.Ordinal).ToList(),
        workloads.Values.Select(w => w.Workload).OrderBy(w => w.Id, StringComparer.Ordinal).ToList(),
        policies.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.Policy).ToList(),
        clusterPolicies.Count == 0 ? null : clusterPolicies.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.Policy).ToList());

    private static InputError Duplicate(string where, string what, string first) =>
        new(where, $"{what} is defined twice (first in {first})", "Keep one definition of it in the manifests");

    private static IReadOnlyList<ContainerPort> Union(IReadOnlyList<ContainerPort> a, IReadOnlyList<ContainerPort> b) =>
        a.Concat(b).Distinct().ToList();

    private static bool SameLabels(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(l => b.TryGetValue(l.Key, out var v) && v == l.Value);

    private sealed record Entry(Workload Workload, string Where, bool FromController, bool BarePod);
}
