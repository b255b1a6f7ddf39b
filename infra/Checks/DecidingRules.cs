using Palisade.Components.Connectivity;

namespace Palisade.Infra.Checks;

/// <summary>
/// Names the rules that decided part of the traffic between two peers (per direction: the deciding rule's kind,
/// policy, rule and tier, or the reason when a default decided), from the engine's explanation of the pair.
/// </summary>
public static class DecidingRules
{
    /// <summary>The rules that allow <paramref name="part"/>, e.g. "egress of a/web[Deployment]: NetworkPolicy a/web egress[0] (NetworkPolicy tier); …".</summary>
    public static string Allowing(ConnectivityResult result, Peer source, Peer destination, ConnectionSet part) =>
        Describe(Explanations(result, source, destination), part, allowed: true);

    /// <summary>The rules (or defaults) that deny <paramref name="part"/>.</summary>
    public static string Denying(ConnectivityResult result, Peer source, Peer destination, ConnectionSet part) =>
        Describe(Explanations(result, source, destination), part, allowed: false);

    /// <summary>As <see cref="Allowing(ConnectivityResult, Peer, Peer, ConnectionSet)"/>, for workload ids or addresses.</summary>
    public static string Allowing(ConnectivityResult result, string source, string destination, ConnectionSet part) =>
        Describe(Explanation(result, source, destination), part, allowed: true);

    /// <summary>As <see cref="Denying(ConnectivityResult, Peer, Peer, ConnectionSet)"/>, for workload ids or addresses.</summary>
    public static string Denying(ConnectivityResult result, string source, string destination, ConnectionSet part) =>
        Describe(Explanation(result, source, destination), part, allowed: false);

    /// <summary>
    /// The allowing rules in short, for a row that already names both ends: per direction the policy and rule
    /// ("egress: shop/web-egress egress[0]"), the kind and tier for cluster policies, "default allow" for a pod no
    /// rule decides.
    /// </summary>
    public static string AllowingInShort(ConnectivityResult result, Peer source, Peer destination, ConnectionSet part) =>
        Describe(Explanations(result, source, destination), part, allowed: true, compact: true);

    private static IReadOnlyList<Explanation>? Explanation(ConnectivityResult result, string source, string destination) =>
        result.Explain(source, destination) is { } explanation ? [explanation] : null;

    /// <summary>
    /// The explanations between two peers: a workload pair once; a workload and an external peer for every part of
    /// each of its ranges that the policies treat differently, so that every rule deciding part of the peer is named.
    /// </summary>
    private static IReadOnlyList<Explanation>? Explanations(ConnectivityResult result, Peer source, Peer destination)
    {
        var (workload, external, externalIsSource) = (source, destination) switch
        {
            (WorkloadPeer s, WorkloadPeer d) => (s.Id, null, false),
            (ExternalPeer s, WorkloadPeer d) => (d.Id, s, true),
            (WorkloadPeer s, ExternalPeer d) => (s.Id, d, false),
            _ => ((string?)null, (ExternalPeer?)null, false),
        };
        if (workload is null)
        {
            return null;
        }

        if (external is null)
        {
            return Explanation(result, workload, ((WorkloadPeer)destination).Id);
        }

        var explanations = new List<Explanation>();
        foreach (var range in external.Ranges)
        {
            if (result.Explain(workload, range, externalIsSource) is not { } segments)
            {
                return null;
            }

            explanations.AddRange(segments.Select(s => s.Explanation));
        }

        return explanations;
    }

    private static string Describe(IReadOnlyList<Explanation>? explanations, ConnectionSet part, bool allowed, bool compact = false)
    {
        var said = new List<string>();
        foreach (var explanation in explanations ?? [])
        {
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

        return string.Join("; ", said);
    }

    private static string Short(DecidingRule rule) =>
        rule.Kind == "NetworkPolicy" ? $"{rule.Policy} {rule.Rule}" : $"{rule.Kind} {rule.Policy} {rule.Rule} ({rule.Tier})";
}
