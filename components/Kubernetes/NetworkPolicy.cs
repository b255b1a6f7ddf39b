namespace Palisade.Components.Kubernetes;

public enum PolicyType
{
    Ingress,
    Egress,
}

/// <summary>ipBlock: a CIDR minus its except ranges. Matches addresses outside the pod network only.</summary>
public sealed record IpBlock(string Cidr, IReadOnlyList<string> Except);

/// <summary>
/// One entry of a rule's from/to list. podSelector and namespaceSelector in the same entry are ANDed;
/// separate entries are ORed. ipBlock never combines with a selector.
/// </summary>
public sealed record NetworkPolicyPeer(
    LabelSelector? PodSelector = null,
    LabelSelector? NamespaceSelector = null,
    IpBlock? IpBlock = null);

/// <summary>A port entry: protocol defaults to TCP; a missing port means every port of the protocol.</summary>
public sealed record NetworkPolicyPort(Protocol? Protocol = null, IntOrString? Port = null, int? EndPort = null)
{
    public Protocol EffectiveProtocol => Protocol ?? Kubernetes.Protocol.TCP;
}

/// <summary>
/// An ingress or egress rule. Peers is the from/to list and Ports the ports list; null (absent) and empty both
/// mean "everything".
/// </summary>
public sealed record NetworkPolicyRule(
    IReadOnlyList<NetworkPolicyPeer>? Peers = null,
    IReadOnlyList<NetworkPolicyPort>? Ports = null);

/// <summary>A networking.k8s.io/v1 NetworkPolicy.</summary>
public sealed record NetworkPolicy(
    string Name,
    string Namespace,
    LabelSelector PodSelector,
    IReadOnlyList<PolicyType>? PolicyTypes = null,
    IReadOnlyList<NetworkPolicyRule>? Ingress = null,
    IReadOnlyList<NetworkPolicyRule>? Egress = null,
    IReadOnlyDictionary<string, string>? Labels = null,
    IReadOnlyDictionary<string, string>? Annotations = null)
{
    /// <summary>
    /// policyTypes when given; otherwise Ingress always, plus Egress iff an egress section is present (even empty).
    /// </summary>
    public IReadOnlyList<PolicyType> EffectivePolicyTypes =>
        PolicyTypes ?? (Egress is null ? [PolicyType.Ingress] : [PolicyType.Ingress, PolicyType.Egress]);

    public bool Governs(PolicyType type) => EffectivePolicyTypes.Contains(type);
}
