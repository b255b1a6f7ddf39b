using Palisade.Components.ZeroTrust;

namespace Palisade.Stacks.Platform;

/// <summary>
/// Where a stack runs: one type per cloud (an existing cluster, EKS, GKE), each with only the settings it has.
/// A new cloud is one more subtype plus its <see cref="CloudKind"/> in <see cref="CloudKinds"/>.
/// </summary>
public abstract partial record CloudTarget
{
    /// <summary>The <c>palisade:cloud</c> value.</summary>
    public abstract string Name { get; }

    /// <summary>The cluster the stack creates, or null when it deploys into an existing one.</summary>
    public virtual ClusterSettings? Cluster => null;

    public bool CreatesCluster => Cluster is not null;

    /// <summary>Whether tiers can be granted cloud identities here (the stack must own the cluster's identity provider).</summary>
    public virtual bool GrantsIdentities => CreatesCluster;

    /// <summary>Why a tier's declared identity cannot be granted here (null when it can).</summary>
    public virtual string? CannotGrant(CloudIdentitySpec identity) =>
        GrantsIdentities ? null : $"a stack on cloud {Name} cannot grant cloud identities";

    /// <summary>The link-local endpoint tiers with an identity need for their credentials (none for IRSA).</summary>
    public virtual IdentityEndpoint? IdentityEndpoint => null;

    /// <summary>
    /// Set when the dataplane starts every pod deny-all (VPC CNI strict mode): the platform's namespaces then get
    /// baseline policies, and the proof isolates every pod no policy admits.
    /// </summary>
    public virtual StrictEnforcement? StrictEnforcement => null;

    /// <summary>Private addresses of the cloud's API endpoints (interface endpoints) that identity tiers reach on 443.</summary>
    public virtual IReadOnlyList<string> ApiEndpointCidrs => [];

    /// <summary>How the cluster's dataplane enforces NetworkPolicies, which the proof analyses under, with the node ranges.</summary>
    public Palisade.Components.Connectivity.EnforcementProfile Dataplane => Enforcing with { NodeRanges = NodeAddresses.Ranges(NodeCidrs) };

    /// <summary>How the cluster's dataplane treats ipBlocks, and where pods have their addresses.</summary>
    protected virtual Palisade.Components.Connectivity.EnforcementProfile Enforcing => Palisade.Components.Connectivity.EnforcementProfile.Upstream;

    /// <summary>The nodes' address ranges (<c>palisade:nodeCidrs</c>), empty when the stack does not declare them.</summary>
    public IReadOnlyList<string> NodeCidrs { get; init; } = [];

    /// <summary>
    /// Where node addresses can be when <see cref="NodeCidrs"/> is not declared (EKS: inside the VPC), for the check
    /// that no tier is open to them; empty when nothing is known.
    /// </summary>
    public virtual IReadOnlyList<string> NodeAddressBound => NodeCidrs;

    /// <summary>What the proof assumes about node addresses, in the plan's words.</summary>
    public virtual string NodeAssumption => NodeCidrs.Count > 0
        ? $"nodes have addresses in {string.Join(", ", NodeCidrs)}, the peer nodes; no tier may admit them by an ipBlock" + (Dataplane.IpBlocksMatchNodes ? string.Empty : " (the dataplane matches no ipBlock against nodes)")
        : "palisade:nodeCidrs is not set, so the proof cannot tell node addresses apart and checks no tier against them: set it to the ranges the nodes have addresses in";

    /// <summary>Refuses a node CIDR that cannot be one on this cloud.</summary>
    public virtual void CheckNodeCidr(SettingsReader reader, string cidr, System.Net.IPNetwork network)
    {
    }

    /// <summary>Refuses a list of node CIDRs that does not fit the cloud's other settings.</summary>
    public virtual void CheckNodeCidrs(SettingsReader reader, IReadOnlyList<string> cidrs)
    {
    }

    /// <summary>What the proof assumes about the dataplane, in the plan's words.</summary>
    public virtual string EnforcementAssumption =>
        "the cluster's CNI is not declared, so ipBlocks are analysed as the API intends: they never match pods";

    /// <summary>How the platform's guardrails are enforced here.</summary>
    public virtual GuardrailEnforcement Guardrails => new GuardrailEnforcement.Namespaced(
        "the cluster's CNI is not declared to serve a cluster policy API (set palisade:clusterPolicyApi when it does)");

    /// <summary>Flow logging of policy decisions on this target.</summary>
    public virtual FlowLogging FlowLogging => new(false, false,
        "not available: the stack does not manage the cluster's CNI, so policy decisions are logged only if the platform team turned that on");

    /// <summary>The resolvers this cloud can run (the first is the default).</summary>
    public virtual IReadOnlyList<DnsResolver> Resolvers => [DnsResolver.KubeDns, DnsResolver.NodeLocalDns, DnsResolver.CloudDns];
}

/// <summary>How <c>palisade:cloud</c> names a cloud and reads its settings.</summary>
public sealed record CloudKind(string Name, Func<SettingsReader, CloudTarget> Read);

/// <summary>Every cloud a stack can run on.</summary>
public static class CloudKinds
{
    public const string Default = ExistingCluster.KindName;

    public static IReadOnlyList<CloudKind> All { get; } = [ExistingCluster.Kind, EksCloud.Kind, GkeCloud.Kind];

    public static CloudKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);
}
