using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// Computes what the policies of a cluster allow (reference/netpol-semantics.md): the Admin tier of the cluster
/// policies, then the NetworkPolicies, then the Baseline tier, then the default allow. Workloads that no selector or
/// named port tells apart are grouped into classes; rules are evaluated once per class and the answer is expanded.
/// <see cref="PairwiseEvaluator"/> computes the same result pod by pod, as an oracle.
/// </summary>
public static class ConnectivityAnalyzer
{
    /// <exception cref="Diagnostics.InputError">A policy is invalid (bad port, protocol, CIDR, selector or peer).</exception>
    /// <param name="profile">The enforcing dataplane; <see cref="EnforcementProfile.Upstream"/> when null.</param>
    public static ConnectivityResult Analyze(ClusterModel cluster, EnforcementProfile? profile = null)
    {
        var assumptions = new List<string>();
        var policies = PolicyCompiler.Compile(cluster.Policies, profile, assumptions);
        var clusterPolicies = ClusterPolicyCompiler.Compile(cluster.EffectiveClusterPolicies, assumptions, profile);
        var workloads = ClusterNamespaces.SortedWorkloads(cluster);
        var namespaceLabels = ClusterNamespaces.EffectiveLabels(cluster);
        var space = new AddressSpace(IpBlocks(policies).Concat(Networks(clusterPolicies)), profile?.NamedRanges);
        var classes = new WorkloadClasses(workloads, namespaceLabels, policies, clusterPolicies);
        var ports = new PortResolver(classes.Profiles);
        var tables = new PolicyTables(classes, policies, space, new PeerResolver(classes), ports);
        var tiers = new ClusterTiers(classes, clusterPolicies, space, ports);
        var result = tiers.IsEmpty
            ? new ResultExpander(space).Expand(workloads, classes, tables, ClassPairs.Compute(classes, tables, ports), null, assumptions)
            : new ResultExpander(space).Expand(workloads, classes, tables, ClassPairs.ComputeTiered(classes, tables, ports, tiers), tiers, assumptions);
        result.Provenance = new Explainer.PairExplainer(cluster, profile ?? EnforcementProfile.Upstream);
        return result;
    }

    internal static IEnumerable<CompiledIpBlock> IpBlocks(IEnumerable<CompiledPolicy> policies) =>
        policies.SelectMany(p => p.IngressRules.Concat(p.EgressRules))
            .SelectMany(r => r.Peers)
            .Select(p => p.IpBlock)
            .OfType<CompiledIpBlock>();

    internal static IEnumerable<CompiledIpBlock> Networks(IEnumerable<CompiledClusterPolicy> policies) =>
        policies.SelectMany(p => p.Ingress.Concat(p.Egress)).SelectMany(r => r.Peers).SelectMany(p => p.Networks);
}
