namespace Palisade.Components.Connectivity;

/// <summary>The dataplane that enforces the policies (platform-facts.md, "How CNIs treat ipBlocks").</summary>
public enum CniProfile
{
    /// <summary>The upstream intent: an ipBlock never matches a pod.</summary>
    Upstream,

    /// <summary>EKS VPC CNI: pods have VPC addresses and an ipBlock is programmed as a plain CIDR, pods included.</summary>
    EksVpcCni,

    /// <summary>Cilium (GKE Dataplane V2): CIDR rules do not select cluster endpoints; pods match by labels only.</summary>
    Cilium,

    /// <summary>Calico: ipBlock nets match any address, pod IPs included.</summary>
    Calico,
}

/// <summary>
/// What the analysis must know about the enforcing dataplane: whether a NetworkPolicy ipBlock also matches pods (and
/// nodes), the address ranges pods get (for EKS VPC CNI the VPC CIDR or the node subnets) and those the nodes have. A cluster policy's networks peer matches pods under
/// every profile, as the API defines it. Which pod holds which address is unknown, so an address rule matches the pods
/// only when it covers all of PodRanges; with no PodRanges, only a rule that covers all of IPv4 does.
/// </summary>
public sealed record EnforcementProfile(CniProfile Cni, IReadOnlyList<AddressRange> PodRanges)
{
    public static EnforcementProfile Upstream { get; } = new(CniProfile.Upstream, []);

    /// <summary>External ranges named in the results (platform endpoints); disjoint, first match wins.</summary>
    public IReadOnlyList<NamedRange> Named { get; init; } = [];

    /// <summary>
    /// The addresses the nodes have (kubelet, host-network pods and every other process on a node send from them),
    /// reported as the external peer <see cref="NodesName"/>.
    /// </summary>
    public IReadOnlyList<AddressRange> NodeRanges { get; init; } = [];

    /// <summary>The name of the peer that holds <see cref="NodeRanges"/>.</summary>
    public const string NodesName = "nodes";

    /// <summary>Every named range: the node ranges first, then <see cref="Named"/>.</summary>
    public IReadOnlyList<NamedRange> NamedRanges => NodeRanges.Count == 0
        ? Named
        : [.. NodeRanges.Select(r => new NamedRange(NodesName, r)), .. Named];

    public bool IpBlocksMatchPods => Cni is CniProfile.EksVpcCni or CniProfile.Calico;

    /// <summary>
    /// Whether a NetworkPolicy ipBlock matches traffic from and to node addresses. Cilium (GKE Dataplane V2) gives
    /// nodes the reserved host and remote-node identities, which a CIDR rule does not select unless the agent runs
    /// with policy-cidr-match-mode=nodes; the other dataplanes match node addresses as any other address.
    /// </summary>
    public bool IpBlocksMatchNodes => Cni is not CniProfile.Cilium;

    /// <summary>Whether an ipBlock matches this external address under the profile: not a node address where ipBlocks skip nodes.</summary>
    public bool IpBlockReaches(System.Net.IPAddress address) =>
        IpBlocksMatchNodes || !NodeRanges.Any(r => r.Contains(address));

    /// <summary>
    /// An ipBlock's except ranges as the dataplane programs them: where ipBlocks skip nodes, the node ranges inside the
    /// CIDR are excepted too.
    /// </summary>
    public IReadOnlyList<AddressRange> EffectiveExcept(AddressRange cidr, IReadOnlyList<AddressRange> except)
    {
        if (IpBlocksMatchNodes || NodeRanges.Count == 0)
        {
            return except;
        }

        var nodes = NodeRanges.Where(n => n.Overlaps(cidr)).Select(n => new AddressRange(cidr.Family, UInt128.Max(n.First, cidr.First), UInt128.Min(n.Last, cidr.Last))).ToList();
        return nodes.Count == 0 ? except : [.. except, .. nodes];
    }

    /// <summary>The command-line names: upstream, eks-vpc-cni, cilium, calico.</summary>
    public static IReadOnlyDictionary<string, CniProfile> Names { get; } = new Dictionary<string, CniProfile>(StringComparer.Ordinal)
    {
        ["upstream"] = CniProfile.Upstream,
        ["eks-vpc-cni"] = CniProfile.EksVpcCni,
        ["cilium"] = CniProfile.Cilium,
        ["calico"] = CniProfile.Calico,
    };

    /// <summary>
    /// Whether a CIDR (minus its except ranges) holds every pod: a pod has an address in each family of PodRanges, so
    /// a rule that holds all pod ranges of one family matches every pod. Partial when it holds some pod addresses but
    /// not all of a family, so that some pods might match and the analysis cannot tell which.
    /// </summary>
    public PodCoverage Covers(AddressRange cidr, IReadOnlyList<AddressRange> except)
    {
        IReadOnlyList<AddressRange> pods = PodRanges.Count > 0 ? PodRanges : [AddressRange.Whole(System.Net.Sockets.AddressFamily.InterNetwork)];
        var families = pods.GroupBy(p => p.Family);
        if (families.Any(family => family.All(p => cidr.Contains(p) && !except.Any(e => e.Overlaps(p)))))
        {
            return PodCoverage.All;
        }

        return PodRanges.Count > 0 && pods.Any(p => cidr.Overlaps(p) && !except.Any(e => e.Contains(p))) ? PodCoverage.Partial : PodCoverage.None;
    }
}

public enum PodCoverage
{
    None,
    Partial,
    All,
}
