using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>A peer entry after validation; an ipBlock is kept as its CIDR and except ranges.</summary>
internal sealed record CompiledPeer(LabelSelector? PodSelector, LabelSelector? NamespaceSelector, CompiledIpBlock? IpBlock);

internal sealed record CompiledIpBlock(AddressRange Cidr, IReadOnlyList<AddressRange> Except)
{
    public bool Contains(AddressRange block) => Cidr.Contains(block) && !Except.Any(e => e.Contains(block));
}

/// <summary>A rule: AllPeers when from/to is absent or empty.</summary>
internal sealed record CompiledRule(bool AllPeers, IReadOnlyList<CompiledPeer> Peers, CompiledPorts Ports);

internal sealed record CompiledPolicy(
    int Index,
    NetworkPolicy Source,
    bool GovernsIngress,
    bool GovernsEgress,
    IReadOnlyList<CompiledRule> IngressRules,
    IReadOnlyList<CompiledRule> EgressRules)
{
    public string Namespace => Source.Namespace;

    public LabelSelector PodSelector => Source.PodSelector;
}
