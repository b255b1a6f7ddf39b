using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// Turns class-level answers into a result: the external peers of each class, interned and ordered, so that
/// <see cref="ClassConnections"/> can expand one sorted entry per (source, destination) while it is enumerated.
/// </summary>
internal sealed class ResultExpander
{
    private readonly AddressSpace space;
    private readonly Dictionary<string, ExternalPeer> peersByName = new(StringComparer.Ordinal);
    // By content: classes of different namespaces often allow the same addresses, each from a table of its own.
    private readonly Dictionary<IReadOnlyList<BlockSegment>, IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)>> grouped =
        new(SegmentsComparer.Instance);

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
        List<(int Destination, ConnectionSet Allowed)>[] pairs,
        ClusterTiers? tiers = null,
        IReadOnlyList<string>? assumptions = null)
    {
        var classCount = classes.Classes.Count;
        var egressPeers = new IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)>[classCount];
        var ingressPeers = new IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)>[classCount];
        for (var c = 0; c < classCount; c++)
        {
            egressPeers[c] = Group(tiers is null ? tables.Egress[c]?.External ?? open : tiers.EgressExternal(c, tables.Egress[c]?.External));
            ingressPeers[c] = Group(tables.Ingress[c]?.External ?? open);
        }

        var externalOrder = peersByName.Values.Order().ToList();
        var externalRank = new Dictionary<ExternalPeer, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < externalOrder.Count; i++)
        {
            externalRank[externalOrder[i]] = i;
        }

        for (var c = 0; c < classCount; c++)
        {
            egressPeers[c] = egressPeers[c].OrderBy(p => externalRank[p.Peer]).ToList();
        }

        var workloadPeers = sortedWorkloads.Select(w => new WorkloadPeer(w)).ToArray();
        var table = new ClassConnections(workloadPeers, classes, pairs, egressPeers, ingressPeers, externalOrder);
        return new ConnectivityResult(sortedWorkloads, table, space.Families) { Assumptions = assumptions ?? [] };
    }

    private IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)> Group(IReadOnlyList<BlockSegment> segments)
    {
        if (!grouped.TryGetValue(segments, out var result))
        {
            result = ExternalGrouping.Group(segments.SelectMany(s => space.Ranges(s.Blocks).Select(r => (r, s.Allowed))), space.NameOf)
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

    private sealed class SegmentsComparer : IEqualityComparer<IReadOnlyList<BlockSegment>>
    {
        public static SegmentsComparer Instance { get; } = new();

        public bool Equals(IReadOnlyList<BlockSegment>? x, IReadOnlyList<BlockSegment>? y)
        {
            if (ReferenceEquals(x, y))
            {
                return true;
            }

            if (x is null || y is null || x.Count != y.Count)
            {
                return false;
            }

            for (var i = 0; i < x.Count; i++)
            {
                if (x[i].Blocks != y[i].Blocks || !x[i].Allowed.Equals(y[i].Allowed))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(IReadOnlyList<BlockSegment> segments)
        {
            var hash = new HashCode();
            for (var i = 0; i < segments.Count; i++)
            {
                hash.Add(segments[i].Blocks);
                hash.Add(segments[i].Allowed);
            }

            return hash.ToHashCode();
        }
    }
}
