using Palisade.Components.Kubernetes;

namespace Palisade.Infra.Reports;

/// <summary>Short, readable descriptions of selectors, peers and ports for tables.</summary>
internal static class PolicyText
{
    public static string Selector(LabelSelector selector)
    {
        if (selector.IsEmpty)
        {
            return "all pods";
        }

        var parts = selector.MatchLabels.Select(l => $"{Key(l.Key)}={l.Value}")
            .Concat(selector.MatchExpressions.Select(e => $"{Key(e.Key)} {e.Operator} ({string.Join(",", e.Values)})"));
        return string.Join(", ", parts);
    }

    public static string Peer(NetworkPolicyPeer peer)
    {
        if (peer.IpBlock is { } block)
        {
            return block.Except.Count == 0 ? block.Cidr : $"{block.Cidr} except {string.Join(", ", block.Except)}";
        }

        var ns = peer.NamespaceSelector switch
        {
            null => null,
            { MatchLabels.Count: 1, MatchExpressions.Count: 0 } s when s.MatchLabels.ContainsKey(WellKnownLabels.NamespaceName) =>
                $"ns {s.MatchLabels[WellKnownLabels.NamespaceName]}",
            { IsEmpty: true } => "all namespaces",
            var s => $"ns {{{Selector(s)}}}",
        };
        var pods = peer.PodSelector is null ? null : $"pods {{{Selector(peer.PodSelector)}}}";
        return string.Join(" & ", new[] { ns, pods }.Where(p => p is not null));
    }

    public static string Peers(IReadOnlyList<NetworkPolicyPeer>? peers) =>
        peers is null or { Count: 0 } ? "everyone" : string.Join(" | ", peers.Select(Peer));

    public static string Ports(IReadOnlyList<NetworkPolicyPort>? ports) =>
        ports is null or { Count: 0 }
            ? "all ports"
            : string.Join(", ", ports.Select(p => p.Port is null
                ? $"{p.EffectiveProtocol}/*"
                : p.EndPort is { } end ? $"{p.EffectiveProtocol}/{p.Port}-{end}" : $"{p.EffectiveProtocol}/{p.Port}"));

    private static string Key(string key) => key.StartsWith("app.kubernetes.io/", StringComparison.Ordinal) ? key["app.kubernetes.io/".Length..] : key;
}
