namespace Palisade.Infra.Checks;

/// <summary>Every check the synthesis runs, by id. A new check registers its id here, once.</summary>
public static class CheckIds
{
    public static readonly CheckId DefaultDeny = CheckId.Of("default-deny");
    public static readonly CheckId DnsEgress = CheckId.Of("dns-egress");
    public static readonly CheckId FlowsHaveBothSides = CheckId.Of("flows-have-both-sides");
    public static readonly CheckId NoAllowAll = CheckId.Of("no-allow-all");
    public static readonly CheckId MetadataBlocked = CheckId.Of("metadata-blocked");
    public static readonly CheckId DeclaredFlowsOpen = CheckId.Of("declared-flows-open");
    public static readonly CheckId NothingUndeclaredOpen = CheckId.Of("nothing-undeclared-open");
    public static readonly CheckId DnsReachable = CheckId.Of("dns-reachable");
    public static readonly CheckId MetadataUnreachable = CheckId.Of("metadata-unreachable");
    public static readonly CheckId AppInvariants = CheckId.Of("app-invariants");
    public static readonly CheckId ServicePorts = CheckId.Of("service-ports");
    public static readonly CheckId PromotionGate = CheckId.Of("promotion-gate");
    public static readonly CheckId PlatformWorkloads = CheckId.Of("platform-workloads");
    public static readonly CheckId EdgeLimits = CheckId.Of("edge-limits");
    public static readonly CheckId EdgeReach = CheckId.Of("edge-reach");
    public static readonly CheckId NodeReach = CheckId.Of("node-reach");
    public static readonly CheckId EdgeTls = CheckId.Of("edge-tls");
    public static readonly CheckId EdgeHealth = CheckId.Of("edge-health");
    public static readonly CheckId GuardrailsClusterTier = CheckId.Of("guardrails-cluster-tier");
    public static readonly CheckId GuardrailsHold = CheckId.Of("guardrails-hold");

    public static IReadOnlyList<CheckId> All { get; } =
    [
        DefaultDeny, DnsEgress, FlowsHaveBothSides, NoAllowAll, MetadataBlocked,
        DeclaredFlowsOpen, NothingUndeclaredOpen, DnsReachable, MetadataUnreachable, AppInvariants,
        ServicePorts, PromotionGate, PlatformWorkloads, EdgeLimits, EdgeReach, NodeReach, EdgeTls, EdgeHealth,
        GuardrailsClusterTier, GuardrailsHold,
    ];
}
