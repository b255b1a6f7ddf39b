using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// Computes what the NetworkPolicies of a cluster allow (reference/netpol-semantics.md). Workloads that no selector or
/// named port tells apart are grouped into classes; rules are evaluated once per class and the answer is expanded.
/// <see cref="PairwiseEvaluator"/> computes the same result pod by pod, as an oracle.
/// </summary>
public static class ConnectivityAnalyzer
{
    /// <exception cref="Diagnostics.InputError">A policy is invalid (bad port, protocol, CIDR, selector or peer).</exception>
    public static ConnectivityResult Analyze(ClusterModel cluster)
    {
        var policies = PolicyCompiler.Compile(cluster.Policies);
        var workloads = ClusterNamespaces.SortedWorkloads(cluster);
        var namespaceLabels = ClusterNamespaces.EffectiveLabels(cluster);
        var space = new AddressSpace(IpBlocks(policies));
        var classes = new WorkloadClasses(workloads, namespaceLabels, policies);
        var ports = new PortResolver(classes.Profiles);
        var tables = new PolicyTables(classes, policies, space, new PeerResolver(classes), ports);
        var pairs = ClassPairs.Compute(classes, tables, ports);
        return new ResultExpander(space).Expand(workloads, classes, tables, pairs);
    }

    internal static IEnumerable<CompiledIpBlock> IpBlocks(IEnumerable<CompiledPolicy> policies) =>
        policies.SelectMany(p => p.IngressRules.Concat(p.EgressRules))
            .SelectMany(r => r.Peers)
            .Select(p => p.IpBlock)
            .OfType<CompiledIpBlock>();
}
