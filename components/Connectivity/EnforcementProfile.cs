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
/// What the analysis must know about the enforcing dataplane: whether a NetworkPolicy ipBlock also matches pods, and
/// the address ranges pods get (for EKS VPC CNI the VPC CIDR). A cluster policy's networks peer matches pods under
/// every profile, as the API defines it. Which pod holds which address is unknown, so an address rule matches the pods
/// only when it covers all of PodRanges; with no PodRanges, only a rule that covers all of IPv4 does.
/// </summary>
public sealed record EnforcementProfile(CniProfile Cni, IReadOnlyList<AddressRange> PodRanges)
{
    public static EnforcementProfile Upstream { get; } = new(CniProfile.Upstream, []);

    /// <summary>External ranges named in the results (platform endpoints, nodes); disjoint, first match wins.</summary>
    public IReadOnlyList<NamedRange> Named { get; init; } = [];

    public bool IpBlocksMatchPods => Cni is CniProfile.EksVpcCni or CniProfile.Calico;

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
