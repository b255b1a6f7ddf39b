namespace Palisade.Components.Kubernetes;

/// <summary>Where a cluster policy sits in the evaluation order: Admin before NetworkPolicies, Baseline after.</summary>
public enum PolicyTier
{
    Admin,
    Baseline,
}

/// <summary>
/// A rule's action. Accept (v1alpha1 and the Baseline tier call it Allow) and Deny decide; Pass hands the traffic to the
/// next tier (from Admin to NetworkPolicies, from Baseline to the default allow).
/// </summary>
public enum PolicyAction
{
    Accept,
    Deny,
    Pass,
}

/// <summary>The API a cluster policy was read from; it names the policy in reports and provenance.</summary>
public enum ClusterPolicyKind
{
    /// <summary>policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy.</summary>
    ClusterNetworkPolicy,

    /// <summary>policy.networking.k8s.io/v1alpha1 AdminNetworkPolicy (Admin tier).</summary>
    AdminNetworkPolicy,

    /// <summary>policy.networking.k8s.io/v1alpha1 BaselineAdminNetworkPolicy (Baseline tier, singleton "default").</summary>
    BaselineAdminNetworkPolicy,

    /// <summary>networking.k8s.aws/v1alpha1 ClusterNetworkPolicy (EKS VPC CNI).</summary>
    AwsClusterNetworkPolicy,
}

/// <summary>
/// The pods a cluster policy applies to, or that a rule's namespaces/pods peer matches: every pod of the namespaces
/// NamespaceSelector matches, further narrowed by PodSelector when given (the "pods" form).
/// </summary>
public sealed record ClusterPodSelection(LabelSelector NamespaceSelector, LabelSelector? PodSelector = null)
{
    public bool Matches(IReadOnlyDictionary<string, string> namespaceLabels, IReadOnlyDictionary<string, string> podLabels) =>
        NamespaceSelector.Matches(namespaceLabels) && (PodSelector?.Matches(podLabels) ?? true);
}

/// <summary>
/// One peer entry. Exactly one form is set: Pods (namespaces or pods), Networks (egress CIDRs), or an experimental
/// form the analysis cannot model (nodes, domainNames), kept by name so the analysis can say what it assumed.
/// </summary>
public sealed record ClusterPeer(ClusterPodSelection? Pods = null, IReadOnlyList<string>? Networks = null, string? Unmodelled = null);

/// <summary>
/// One entry of a rule's ports, covering both API shapes: v1alpha2 "protocols" (destinationPort number or range,
/// destinationNamedPort) and v1alpha1/AWS "ports" (portNumber, portRange, namedPort). A named port carries no
/// protocol of its own: it matches the container port of that name with whatever protocol it declares.
/// </summary>
public abstract record ClusterPort
{
    public sealed record Number(Protocol Protocol, int Port) : ClusterPort;

    public sealed record Range(Protocol Protocol, int Start, int End) : ClusterPort;

    public sealed record Named(string Name) : ClusterPort;
}

/// <summary>A rule: Ports null means every protocol and port.</summary>
public sealed record ClusterPolicyRule(
    string Name,
    PolicyAction Action,
    IReadOnlyList<ClusterPeer> Peers,
    IReadOnlyList<ClusterPort>? Ports = null);

/// <summary>
/// A cluster-scoped policy of any of the supported APIs, normalised: tier, priority (lower wins inside the tier),
/// subject, and the ingress/egress rules in the order written.
/// </summary>
public sealed record ClusterNetworkPolicy(
    ClusterPolicyKind Kind,
    string Name,
    PolicyTier Tier,
    int Priority,
    ClusterPodSelection Subject,
    IReadOnlyList<ClusterPolicyRule> Ingress,
    IReadOnlyList<ClusterPolicyRule> Egress)
{
    /// <summary>"Kind/name", as reports and warnings name the policy.</summary>
    public string Id => $"{Kind}/{Name}";
}
