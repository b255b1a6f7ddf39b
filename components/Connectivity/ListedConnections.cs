namespace Palisade.Components.Connectivity;

/// <summary>Connections given one by one (the pairwise oracle, tests), already sorted; each is a block of its own.</summary>
internal sealed class ListedConnections : ConnectionTable
{
    private static readonly IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)> NoPeers = [];
    private readonly IReadOnlyList<Connection> sorted;
    private readonly Dictionary<(int, int), ConnectionSet> pairs = new();
    private readonly Dictionary<int, List<(ExternalPeer Peer, ConnectionSet Allowed)>> toExternal = new();
    private readonly Dictionary<int, List<(ExternalPeer Peer, ConnectionSet Allowed)>> fromExternal = new();

    /// <param name="rankOf">A workload's rank, or -1 when the result does not list it.</param>
    public ListedConnections(IReadOnlyList<Connection> sorted, Func<string, int> rankOf)
    {
        this.sorted = sorted;
        // Connections of workloads outside the result's list cannot be asked about, so they are not indexed.
        foreach (var c in sorted)
        {
            switch (c.Source, c.Destination)
            {
                case (WorkloadPeer s, WorkloadPeer d) when rankOf(s.Id) >= 0 && rankOf(d.Id) >= 0:
                    pairs[(rankOf(s.Id), rankOf(d.Id))] = c.Allowed;
                    break;
                case (WorkloadPeer s, ExternalPeer d) when rankOf(s.Id) >= 0:
                    Add(toExternal, rankOf(s.Id), d, c.Allowed);
                    break;
                case (ExternalPeer s, WorkloadPeer d) when rankOf(d.Id) >= 0:
                    Add(fromExternal, rankOf(d.Id), s, c.Allowed);
                    break;
            }
        }
    }

    public override long Count => sorted.Count;

    public override IEnumerable<Connection> Enumerate() => sorted;

    public override IEnumerable<ConnectionBlock> Blocks() =>
        sorted.Select(c => new ConnectionBlock([c.Source], [c.Destination], c.Allowed, SameGroup: false));

    public override ConnectionSet Between(int source, int destination) =>
        pairs.GetValueOrDefault((source, destination), ConnectionSet.None);

    public override IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)> ToExternal(int source) =>
        toExternal.TryGetValue(source, out var list) ? list : NoPeers;

    public override IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)> FromExternal(int destination) =>
        fromExternal.TryGetValue(destination, out var list) ? list : NoPeers;

    private static void Add(Dictionary<int, List<(ExternalPeer, ConnectionSet)>> map, int rank, ExternalPeer peer, ConnectionSet allowed)
    {
        if (!map.TryGetValue(rank, out var list))
        {
            map[rank] = list = [];
        }

        list.Add((peer, allowed));
    }
}
