using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// Expands class-level answers to one sorted entry per (source, destination) workload or external peer: workload
/// sources in id order, each with workload destinations then external ones; then external sources.
/// </summary>
internal sealed class ResultExpander
{
    private readonly AddressSpace space;
    private readonly Dictionary<string, ExternalPeer> peersByName = new(StringComparer.Ordinal);
    private readonly Dictionary<IReadOnlyList<BlockSegment>, IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)>> grouped =
        new(ReferenceEqualityComparer.Instance);

    private readonly IReadOnlyList<BlockSegment> open;

    public ResultExpander(AddressSpace space)
    {
        this.space = space;
        open = [new BlockSegment(space.Everything[0], ConnectionSet.All)];
    }

    public ConnectivityResult Expand(
        IReadOnlyList<Workload> sortedWorkloads,
        WorkloadClasses classes,
        PolicyTables tables,
        List<(int Destination, ConnectionSet Allowed)>[] pairs)
    {
        var classCount = classes.Classes.Count;
        var egressPeers = new IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)>[classCount];
        var ingressPeers = new IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)>[classCount];
        for (var c = 0; c < classCount; c++)
        {
            egressPeers[c] = Group(tables.Egress[c]?.External ?? open);
            ingressPeers[c] = Group(tables.Ingress[c]?.External ?? open);
        }

        var externalOrder = peersByName.Values.Order().ToList();
        var externalRank = new Dictionary<ExternalPeer, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < externalOrder.Count; i++)
        {
            externalRank[externalOrder[i]] = i;
        }

        var workloadPeers = sortedWorkloads.Select(w => new WorkloadPeer(w)).ToArray();
        var connections = new List<Connection>();
        var keys = new int[16];
        var values = new ConnectionSet[16];
        for (var w = 0; w < sortedWorkloads.Count; w++)
        {
            var source = classes.ClassOf[w];
            var n = 0;
            foreach (var (destination, allowed) in pairs[source])
            {
                foreach (var d in classes.Classes[destination].Members)
                {
                    if (d == w)
                    {
                        continue;
                    }

                    if (n == keys.Length)
                    {
                        Array.Resize(ref keys, n * 2);
                        Array.Resize(ref values, n * 2);
                    }

                    keys[n] = d;
                    values[n++] = allowed;
                }
            }

            Array.Sort(keys, values, 0, n);
            for (var i = 0; i < n; i++)
            {
                connections.Add(new Connection(workloadPeers[w], workloadPeers[keys[i]], values[i]));
            }

            foreach (var (peer, allowed) in egressPeers[source].OrderBy(p => externalRank[p.Peer]))
            {
                connections.Add(new Connection(workloadPeers[w], peer, allowed));
            }
        }

        var fromExternal = externalOrder.Select(_ => new List<Connection>()).ToArray();
        for (var d = 0; d < sortedWorkloads.Count; d++)
        {
            foreach (var (peer, allowed) in ingressPeers[classes.ClassOf[d]])
            {
                fromExternal[externalRank[peer]].Add(new Connection(peer, workloadPeers[d], allowed));
            }
        }

        foreach (var list in fromExternal)
        {
            connections.AddRange(list);
        }

        return new ConnectivityResult(sortedWorkloads, connections, space.Families, verify: false);
    }

    private IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)> Group(IReadOnlyList<BlockSegment> segments)
    {
        if (!grouped.TryGetValue(segments, out var result))
        {
            result = ExternalGrouping.Group(segments.SelectMany(s => space.Ranges(s.Blocks).Select(r => (r, s.Allowed))))
                .Select(p => (Intern(p.Peer), p.Allowed))
                .ToList();
            grouped[segments] = result;
        }

        return result;
    }

    private ExternalPeer Intern(ExternalPeer peer)
    {
        if (!peersByName.TryGetValue(peer.Name, out var existing))
        {
            peersByName[peer.Name] = existing = peer;
        }

        return existing;
    }
}
