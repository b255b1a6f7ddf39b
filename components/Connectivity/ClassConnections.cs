namespace Palisade.Components.Connectivity;

/// <summary>
/// The engine's answer at class level — allowed traffic per (source class, destination class) and the external peers
/// of each class — expanded to workload pairs only while they are enumerated, so memory follows the number of classes
/// and peers, not the number of pairs. Order: workload sources in id order, each with workload destinations then
/// external ones; then external sources in peer order, each with workload destinations in id order.
/// </summary>
internal sealed class ClassConnections : ConnectionTable
{
    private readonly WorkloadClasses classes;
    private readonly List<(int Destination, ConnectionSet Allowed)>[] pairs;
    private readonly IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)>[] egressPeers;
    private readonly IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)>[] ingressPeers;
    private readonly IReadOnlyList<ExternalPeer> externalOrder;
    private readonly WorkloadPeer[] workloadPeers;
    private readonly Peer[][] membersOf;
    private Dictionary<(int, int), ConnectionSet>? classPairs;

    /// <param name="egressPeers">Per class, the external destinations sorted in <paramref name="externalOrder"/>.</param>
    public ClassConnections(
        WorkloadPeer[] workloadPeers,
        WorkloadClasses classes,
        List<(int Destination, ConnectionSet Allowed)>[] pairs,
        IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)>[] egressPeers,
        IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)>[] ingressPeers,
        IReadOnlyList<ExternalPeer> externalOrder)
    {
        this.workloadPeers = workloadPeers;
        this.classes = classes;
        this.pairs = pairs;
        this.egressPeers = egressPeers;
        this.ingressPeers = ingressPeers;
        this.externalOrder = externalOrder;
        membersOf = classes.Classes.Select(c => c.Members.Select(m => (Peer)workloadPeers[m]).ToArray()).ToArray();
        Count = CountConnections();
    }

    public override long Count { get; }

    public override IEnumerable<Connection> Enumerate()
    {
        var keys = new int[16];
        var values = new ConnectionSet[16];
        for (var w = 0; w < workloadPeers.Length; w++)
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
                yield return new Connection(workloadPeers[w], workloadPeers[keys[i]], values[i]);
            }

            foreach (var (peer, allowed) in egressPeers[source])
            {
                yield return new Connection(workloadPeers[w], peer, allowed);
            }
        }

        var classesByPeer = ClassesByIngressPeer();
        foreach (var peer in externalOrder)
        {
            var destinations = classesByPeer[peer]
                .SelectMany(entry => classes.Classes[entry.Class].Members.Select(d => (Rank: d, entry.Allowed)))
                .OrderBy(d => d.Rank);
            foreach (var (d, allowed) in destinations)
            {
                yield return new Connection(peer, workloadPeers[d], allowed);
            }
        }
    }

    public override IEnumerable<ConnectionBlock> Blocks()
    {
        for (var s = 0; s < pairs.Length; s++)
        {
            foreach (var (d, allowed) in pairs[s])
            {
                var block = new ConnectionBlock(membersOf[s], membersOf[d], allowed, SameGroup: s == d);
                if (block.Count > 0)
                {
                    yield return block;
                }
            }

            foreach (var (peer, allowed) in egressPeers[s])
            {
                yield return new ConnectionBlock(membersOf[s], [peer], allowed, SameGroup: false);
            }
        }

        for (var d = 0; d < pairs.Length; d++)
        {
            foreach (var (peer, allowed) in ingressPeers[d])
            {
                yield return new ConnectionBlock([peer], membersOf[d], allowed, SameGroup: false);
            }
        }
    }

    public override ConnectionSet Between(int source, int destination)
    {
        classPairs ??= BuildClassPairs();
        return classPairs.GetValueOrDefault((classes.ClassOf[source], classes.ClassOf[destination]), ConnectionSet.None);
    }

    public override IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)> ToExternal(int source) => egressPeers[classes.ClassOf[source]];

    public override IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)> FromExternal(int destination) => ingressPeers[classes.ClassOf[destination]];

    private Dictionary<(int, int), ConnectionSet> BuildClassPairs()
    {
        var result = new Dictionary<(int, int), ConnectionSet>();
        for (var s = 0; s < pairs.Length; s++)
        {
            foreach (var (d, allowed) in pairs[s])
            {
                result[(s, d)] = allowed;
            }
        }

        return result;
    }

    private Dictionary<ExternalPeer, List<(int Class, ConnectionSet Allowed)>> ClassesByIngressPeer()
    {
        var result = new Dictionary<ExternalPeer, List<(int Class, ConnectionSet Allowed)>>(ReferenceEqualityComparer.Instance);
        foreach (var peer in externalOrder)
        {
            result[peer] = [];
        }

        for (var c = 0; c < ingressPeers.Length; c++)
        {
            foreach (var (peer, allowed) in ingressPeers[c])
            {
                result[peer].Add((c, allowed));
            }
        }

        return result;
    }

    private long CountConnections()
    {
        long total = 0;
        foreach (var block in Blocks())
        {
            total += block.Count;
        }

        return total;
    }
}
