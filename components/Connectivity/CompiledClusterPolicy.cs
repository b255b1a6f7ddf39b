using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>A cluster policy peer after validation: pods it selects, and address ranges (networks) it matches.</summary>
internal sealed record CompiledClusterPeer(ClusterPodSelection? Pods, IReadOnlyList<CompiledIpBlock> Networks);

/// <summary>
/// One rule in evaluation order. Order is the rule's position among all rules of its tier and direction: policies by
/// priority (ties by kind, then name), then the rules as written. Id is unique across tiers and directions.
/// </summary>
internal sealed record CompiledClusterRule(
    int Id,
    PolicyTier Tier,
    PolicyAction Action,
    ClusterNetworkPolicy Policy,
    int RuleIndex,
    ClusterPolicyRule Source,
    IReadOnlyList<CompiledClusterPeer> Peers,
    CompiledPorts Ports);

/// <summary>A cluster policy with its rules compiled; Subject says which pods its rules are about.</summary>
internal sealed record CompiledClusterPolicy(
    int Index,
    ClusterNetworkPolicy Source,
    IReadOnlyList<CompiledClusterRule> Ingress,
    IReadOnlyList<CompiledClusterRule> Egress)
{
    public PolicyTier Tier => Source.Tier;

    public ClusterPodSelection Subject => Source.Subject;
}
