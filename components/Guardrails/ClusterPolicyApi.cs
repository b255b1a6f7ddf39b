using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.Guardrails;

/// <summary>
/// A cluster-scoped policy API a cluster serves, which guardrails are emitted as. Each API is one subtype: its
/// apiVersion, the kind the analysis reads it back as, and how a rule's ports are written.
/// </summary>
internal abstract record ClusterPolicyApi
{
    public const string Kind = "ClusterNetworkPolicy";

    public abstract string ApiVersion { get; }

    /// <summary>The kind the manifest reader gives this API's objects.</summary>
    public abstract ClusterPolicyKind ReadAs { get; }

    /// <summary>Who enforces it, in the plan's words.</summary>
    public abstract string Enforcer { get; }

    /// <summary>The object's spec in this API's shape.</summary>
    public MapValue Spec(ClusterNetworkPolicy policy) => new MapBuilder
    {
        { "tier", policy.Tier.ToString() },
        { "priority", policy.Priority },
        { "subject", Selection(policy.Subject) },
        { "ingress", policy.Ingress.Count == 0 ? null : ListValue.Of(policy.Ingress.Select(r => Rule(r, "from"))) },
        { "egress", policy.Egress.Count == 0 ? null : ListValue.Of(policy.Egress.Select(r => Rule(r, "to"))) },
    };

    /// <summary>The rule's ports entry: "protocols" (upstream v1alpha2) or "ports" (v1alpha1 and the AWS variant).</summary>
    protected abstract (string Key, Value Ports) Ports(IReadOnlyList<ClusterPort> ports);

    private MapValue Rule(ClusterPolicyRule rule, string peersKey)
    {
        var builder = new MapBuilder
        {
            { "name", rule.Name },
            { "action", rule.Action.ToString() },
            { peersKey, ListValue.Of(rule.Peers.Select(Peer)) },
        };
        if (rule.Ports is { Count: > 0 } ports)
        {
            var (key, value) = Ports(ports);
            builder.Add(key, value);
        }

        return builder;
    }

    private static Value Peer(ClusterPeer peer) => peer switch
    {
        { Pods: { } pods } => Selection(pods),
        { Networks: { } networks } => new MapBuilder { { "networks", ListValue.OfStrings(networks) } }.Build(),
        _ => throw new ArgumentException($"a guardrail peer must select pods or networks, not {peer.Unmodelled}", nameof(peer)),
    };

    private static MapValue Selection(ClusterPodSelection selection) => selection.PodSelector is null
        ? new MapBuilder { { "namespaces", KubernetesProperties.Selector(selection.NamespaceSelector) } }
        : new MapBuilder
        {
            {
                "pods", new MapBuilder
                {
                    { "namespaceSelector", KubernetesProperties.Selector(selection.NamespaceSelector) },
                    { "podSelector", KubernetesProperties.Selector(selection.PodSelector) },
                }.Build()
            },
        };
}

/// <summary>
/// policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy (network-policy-api v0.2.0): served by Calico ≥ 3.32,
/// Antrea ≥ 2.7 (feature gate), Cilium ≥ 1.20 (opt-in) and kube-network-policies. Ports as
/// <c>protocols: [{tcp: {destinationPort: {number: N}}}]</c>.
/// </summary>
internal sealed record UpstreamClusterPolicyApi : ClusterPolicyApi
{
    public static UpstreamClusterPolicyApi Instance { get; } = new();

    public override string ApiVersion => "policy.networking.k8s.io/v1alpha2";

    public override ClusterPolicyKind ReadAs => ClusterPolicyKind.ClusterNetworkPolicy;

    public override string Enforcer => "the cluster's CNI (policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy, declared by palisade:clusterPolicyApi)";

    protected override (string Key, Value Ports) Ports(IReadOnlyList<ClusterPort> ports) => ("protocols", ListValue.Of(ports.Select(ProtocolEntry)));

    private static Value ProtocolEntry(ClusterPort port) => port switch
    {
        ClusterPort.Number n => new MapBuilder
        {
            { n.Protocol.ToString().ToLowerInvariant(), new MapBuilder { { "destinationPort", new MapBuilder { { "number", n.Port } }.Build() } }.Build() },
        }.Build(),
        ClusterPort.Range r => new MapBuilder
        {
            {
                r.Protocol.ToString().ToLowerInvariant(), new MapBuilder
                {
                    { "destinationPort", new MapBuilder { { "range", new MapBuilder { { "start", r.Start }, { "end", r.End } }.Build() } }.Build() },
                }.Build()
            },
        }.Build(),
        ClusterPort.Named named => new MapBuilder { { "destinationNamedPort", named.Name } }.Build(),
        _ => throw new ArgumentOutOfRangeException(nameof(port)),
    };
}

/// <summary>
/// networking.k8s.aws/v1alpha1 ClusterNetworkPolicy, enforced by the EKS VPC CNI network policy agent from VPC CNI 1.21:
/// the upstream tiers and actions with the v1alpha1 port shape <c>ports: [{portNumber: {protocol, port}}]</c>.
/// </summary>
internal sealed record AwsClusterPolicyApi : ClusterPolicyApi
{
    public static AwsClusterPolicyApi Instance { get; } = new();

    public override string ApiVersion => "networking.k8s.aws/v1alpha1";

    public override ClusterPolicyKind ReadAs => ClusterPolicyKind.AwsClusterNetworkPolicy;

    public override string Enforcer => "the EKS VPC CNI network policy agent (networking.k8s.aws/v1alpha1 ClusterNetworkPolicy)";

    protected override (string Key, Value Ports) Ports(IReadOnlyList<ClusterPort> ports) => ("ports", ListValue.Of(ports.Select(Port)));

    private static Value Port(ClusterPort port) => port switch
    {
        ClusterPort.Number n => new MapBuilder { { "portNumber", new MapBuilder { { "protocol", n.Protocol.ToString() }, { "port", n.Port } }.Build() } }.Build(),
        ClusterPort.Range r => new MapBuilder
        {
            { "portRange", new MapBuilder { { "protocol", r.Protocol.ToString() }, { "start", r.Start }, { "end", r.End } }.Build() },
        }.Build(),
        ClusterPort.Named named => new MapBuilder { { "namedPort", named.Name } }.Build(),
        _ => throw new ArgumentOutOfRangeException(nameof(port)),
    };
}
