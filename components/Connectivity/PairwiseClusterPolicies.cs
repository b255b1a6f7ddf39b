using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// The oracle's view of the cluster tiers, written apart from the engine's: for one direction of one pod pair (or pod
/// and address) the connection space is cut where any rule's ports or the NetworkPolicy verdict change, and each piece
/// is decided by walking the rules with one probe connection, first match wins, tier by tier.
/// </summary>
internal sealed class PairwiseClusterPolicies
{
    private static readonly Protocol[] Protocols = [Protocol.TCP, Protocol.UDP, Protocol.SCTP];

    private readonly List<ClusterNetworkPolicy> ordered;

    public PairwiseClusterPolicies(IReadOnlyList<ClusterNetworkPolicy> policies)
    {
        // The documented tie-break for equal priorities: kind, then name.
        ordered = policies.OrderBy(p => p.Tier).ThenBy(p => p.Priority).ThenBy(p => p.Kind).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    public bool IsEmpty => ordered.All(p => p.Ingress.Count == 0 && p.Egress.Count == 0);

    /// <summary>
    /// The final verdict of one direction. The subject is the pod whose policies apply (destination for ingress,
    /// source for egress); matchesPeer says whether a rule peer matches the other end; destination resolves named
    /// ports (null for an address, where a named port never matches).
    /// </summary>
    public ConnectionSet Decide(
        PolicyType direction,
        IReadOnlyDictionary<string, string> subjectNamespaceLabels,
        Workload subject,
        Func<ClusterPeer, bool> matchesPeer,
        Workload? destination,
        ConnectionSet? networkPolicies)
    {
        var rules = ordered
            .Where(p => p.Subject.Matches(subjectNamespaceLabels, subject.Labels))
            .SelectMany(p => (direction == PolicyType.Ingress ? p.Ingress : p.Egress).Select(r => (p.Tier, Rule: r)))
            .Where(r => r.Rule.Peers.Any(peer => peer.Unmodelled is null && matchesPeer(peer)))
            .Select(r => (r.Tier, r.Rule.Action, Ports: Ports(r.Rule.Ports, destination)))
            .ToList();
        var npSet = networkPolicies ?? ConnectionSet.All;
        if (rules.Count == 0)
        {
            return npSet;
        }

        var result = ConnectionSet.None;
        foreach (var protocol in Protocols)
        {
            var cuts = new SortedSet<int> { PortSet.MinPort, PortSet.MaxPort + 1 };
            foreach (var ports in rules.Select(r => r.Ports).Append(npSet))
            {
                foreach (var range in ports.Ports(protocol).Ranges)
                {
                    cuts.Add(range.First);
                    cuts.Add(range.Last + 1);
                }
            }

            var points = cuts.ToArray();
            for (var i = 0; i + 1 < points.Length; i++)
            {
                var probe = points[i];
                if (Allowed(rules, networkPolicies, set => set.Allows(protocol, probe)))
                {
                    result = result.Union(ConnectionSet.For(protocol, probe, points[i + 1] - 1));
                }
            }
        }

        if (Allowed(rules, networkPolicies, set => set.AllowsOtherProtocols))
        {
            result = result.Union(ConnectionSet.OtherProtocolsOnly);
        }

        return result;
    }

    private static bool Allowed(
        List<(PolicyTier Tier, PolicyAction Action, ConnectionSet Ports)> rules,
        ConnectionSet? networkPolicies,
        Func<ConnectionSet, bool> holds)
    {
        foreach (var rule in rules.Where(r => r.Tier == PolicyTier.Admin && holds(r.Ports)))
        {
            if (rule.Action != PolicyAction.Pass)
            {
                return rule.Action == PolicyAction.Accept;
            }

            break;
        }

        if (networkPolicies is not null)
        {
            return holds(networkPolicies);
        }

        var baseline = rules.FirstOrDefault(r => r.Tier == PolicyTier.Baseline && holds(r.Ports));
        return baseline.Ports is null || baseline.Action != PolicyAction.Deny;
    }

    internal static ConnectionSet Ports(IReadOnlyList<ClusterPort>? ports, Workload? destination)
    {
        if (ports is null || ports.Count == 0)
        {
            return ConnectionSet.All;
        }

        var result = ConnectionSet.None;
        foreach (var port in ports)
        {
            result = result.Union(port switch
            {
                ClusterPort.Number n => ConnectionSet.For(n.Protocol, n.Port, n.Port),
                ClusterPort.Range r => ConnectionSet.For(r.Protocol, r.Start, r.End),
                ClusterPort.Named n => (destination?.Ports ?? [])
                    .Where(c => c.Name == n.Name && c.Port is >= PortSet.MinPort and <= PortSet.MaxPort)
                    .Aggregate(ConnectionSet.None, (set, c) => set.Union(ConnectionSet.For(c.Protocol, c.Port, c.Port))),
                _ => ConnectionSet.None,
            });
        }

        return result;
    }
}
