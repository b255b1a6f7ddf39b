using Palisade.Components.Connectivity;

namespace Palisade.Infra.Checks;

/// <summary>
/// Names the rules that decided part of the traffic between two peers (per direction: the deciding rule's kind,
/// policy, rule and tier, or the reason when a default decided), from the engine's explanation of the pair.
/// </summary>
internal static class DecidingRules
{
    /// <summary>The rules that allow <paramref name="part"/>, e.g. "egress of a/web[Deployment]: NetworkPolicy a/web egress[0] (NetworkPolicy tier); …".</summary>
    public static string Allowing(ConnectivityResult result, Peer source, Peer destination, ConnectionSet part) =>
        Describe(result, Endpoints(source), Endpoints(destination), part, allowed: true);

    /// <summary>The rules (or defaults) that deny <paramref name="part"/>.</summary>
    public static string Denying(ConnectivityResult result, Peer source, Peer destination, ConnectionSet part) =>
        Describe(result, Endpoints(source), Endpoints(destination), part, allowed: false);

    /// <summary>As <see cref="Allowing(ConnectivityResult, Peer, Peer, ConnectionSet)"/>, for workload ids or addresses.</summary>
    public static string Allowing(ConnectivityResult result, string source, string destination, ConnectionSet part) =>
        Describe(result, [source], [destination], part, allowed: true);

    /// <summary>As <see cref="Denying(ConnectivityResult, Peer, Peer, ConnectionSet)"/>, for workload ids or addresses.</summary>
    public static string Denying(ConnectivityResult result, string source, string destination, ConnectionSet part) =>
        Describe(result, [source], [destination], part, allowed: false);

    /// <summary>
    /// The allowing rules in short, for a row that already names both ends: per direction the policy and rule
    /// ("egress: shop/web-egress egress[0]"), the kind and tier for cluster policies, "default allow" for a pod no
    /// rule decides.
    /// </summary>
    public static string AllowingInShort(ConnectivityResult result, Peer source, Peer destination, ConnectionSet part) =>
        Describe(result, Endpoints(source), Endpoints(destination), part, allowed: true, compact: true);

    /// <summary>A peer as the explainer names it: a workload by id, an external peer by the first address of each range.</summary>
    private static IReadOnlyList<string> Endpoints(Peer peer) => peer switch
    {
        WorkloadPeer w => [w.Id],
        ExternalPeer e => e.Ranges.Select(r => r.FirstAddress.ToString()).ToList(),
        _ => [],
    };

    private static string Describe(ConnectivityResult result, IReadOnlyList<string> sources, IReadOnlyList<string> destinations, ConnectionSet part, bool allowed, bool compact = false)
    {
        var said = new List<string>();
        foreach (var source in sources)
        {
            foreach (var destination in destinations)
            {
                if (result.Explain(source, destination) is not { } explanation)
                {
                    return string.Empty;
                }

                foreach (var direction in new[] { explanation.Egress, explanation.Ingress }.OfType<DirectionExplanation>())
                {
                    foreach (var piece in direction.Pieces.Where(p => p.Allowed == allowed && !p.Connections.Intersect(part).IsEmpty))
                    {
                        var side = direction.Direction == Components.Kubernetes.PolicyType.Egress ? "egress" : "ingress";
                        var line = compact
                            ? $"{side}: {(piece.DecidedBy is { } by ? Short(by) : allowed ? "default allow" : "no rule allows it")}"
                            : $"{side} of {direction.Subject}: {piece.DecidedBy?.ToString() ?? piece.Reason}";
                        if (!said.Contains(line))
                        {
                            said.Add(line);
                        }
                    }
                }
            }
        }

        return string.Join("; ", said);
    }

    private static string Short(DecidingRule rule) =>
        rule.Kind == "NetworkPolicy" ? $"{rule.Policy} {rule.Rule}" : $"{rule.Kind} {rule.Policy} {rule.Rule} ({rule.Tier})";
}
