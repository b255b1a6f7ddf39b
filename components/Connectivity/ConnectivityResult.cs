using System.Net;
using System.Net.Sockets;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// Every allowed connection of a cluster, one entry per (source, destination), sorted by source then destination.
/// External peers cover all of IPv4 (and IPv6 when a policy names an IPv6 CIDR); no self-connections.
/// The engine's results hold connections by workload class; <see cref="EnumerateConnections"/> and
/// <see cref="ConnectionBlocks"/> read them without holding one object per pair, <see cref="Connections"/> lists them.
/// </summary>
public sealed class ConnectivityResult
{
    private Dictionary<string, int>? rankById;
    private readonly ConnectionTable table;
    private IReadOnlyList<Connection>? connections;

    /// <summary>Builds a result from connections in any order; they are sorted and checked for duplicates.</summary>
    public ConnectivityResult(
        IEnumerable<Workload> workloads,
        IEnumerable<Connection> connections,
        IEnumerable<AddressFamily> externalFamilies)
    {
        Workloads = workloads.OrderBy(w => w.Id, StringComparer.Ordinal).ToList();
        ExternalFamilies = externalFamilies.Distinct().Order().ToList();
        rankById = RankById(Workloads);
        var sorted = connections.Order(ConnectionOrder.Instance).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (ConnectionOrder.Instance.Compare(sorted[i - 1], sorted[i]) == 0)
            {
                throw new ArgumentException($"two entries for {sorted[i].Source} => {sorted[i].Destination}");
            }
        }

        this.connections = sorted;
        table = new ListedConnections(sorted, id => Ranks.GetValueOrDefault(id, -1));
    }

    internal ConnectivityResult(IReadOnlyList<Workload> sortedWorkloads, ConnectionTable table, IReadOnlyList<AddressFamily> externalFamilies)
    {
        Workloads = sortedWorkloads;
        ExternalFamilies = externalFamilies;
        // The analyzer's workloads are sorted and distinct already: ranks are looked up only when a caller asks by id.
        this.table = table;
    }

    /// <summary>What the analysis assumed where it could not model the input (e.g. a nodes peer treated as matching nothing).</summary>
    public IReadOnlyList<string> Assumptions { get; init; } = [];

    /// <summary>
    /// Why a pair is allowed or denied, rule by rule (<see cref="Explainer"/>), for results the analyzer computed from a
    /// cluster; null for results built from a list of connections.
    /// </summary>
    internal Explainer.PairExplainer? Provenance { get; set; }

    /// <summary>
    /// The deciding rules between two endpoints (workload ids or addresses), or null when this result was not computed
    /// from a cluster.
    /// </summary>
    public Explanation? Explain(string from, string to) => Provenance?.Explain(from, to);

    /// <summary>
    /// The deciding rules between a workload and every part of an address range that the policies treat alike, or null
    /// when this result was not computed from a cluster.
    /// </summary>
    public IReadOnlyList<ExplainedSegment>? Explain(string workload, AddressRange range, bool rangeIsSource) =>
        Provenance?.ExplainSegments(workload, range, rangeIsSource);

    /// <summary>Workloads sorted by id.</summary>
    public IReadOnlyList<Workload> Workloads { get; }

    /// <summary>
    /// Allowed connections, sorted by source then destination (workloads before external peers). Built on first use:
    /// one object per pair, so prefer <see cref="EnumerateConnections"/> for results that may be large.
    /// </summary>
    public IReadOnlyList<Connection> Connections => connections ??= table.Enumerate().ToList();

    /// <summary>The same connections in the same order as <see cref="Connections"/>, produced one at a time.</summary>
    public IEnumerable<Connection> EnumerateConnections() => connections ?? table.Enumerate();

    /// <summary>How many connections there are, without listing them.</summary>
    public long ConnectionCount => table.Count;

    /// <summary>The connections as blocks of sources × destinations with one allowed set, covering each connection once.</summary>
    public IEnumerable<ConnectionBlock> ConnectionBlocks => table.Blocks();

    /// <summary>The address families the external peers cover: IPv4, plus IPv6 when a policy uses an IPv6 CIDR.</summary>
    public IReadOnlyList<AddressFamily> ExternalFamilies { get; }

    /// <summary>What traffic from one workload to another is allowed; <see cref="ConnectionSet.None"/> for a workload to itself.</summary>
    public ConnectionSet Between(string sourceId, string destinationId)
    {
        var source = RequireWorkload(sourceId);
        var destination = RequireWorkload(destinationId);
        return source == destination ? ConnectionSet.None : table.Between(source, destination);
    }

    public bool Allows(string sourceId, string destinationId, Protocol protocol, int port) =>
        Between(sourceId, destinationId).Allows(protocol, port);

    /// <summary>What traffic from a workload to an external address (e.g. 169.254.169.254) is allowed.</summary>
    public ConnectionSet ToExternal(string sourceId, IPAddress address)
    {
        var source = RequireWorkload(sourceId);
        RequireFamily(address);
        return Find(table.ToExternal(source), address);
    }

    /// <summary>What traffic from an external address to a workload is allowed.</summary>
    public ConnectionSet FromExternal(IPAddress address, string destinationId)
    {
        var destination = RequireWorkload(destinationId);
        RequireFamily(address);
        return Find(table.FromExternal(destination), address);
    }

    private Dictionary<string, int> Ranks => rankById ??= RankById(Workloads);

    private static Dictionary<string, int> RankById(IReadOnlyList<Workload> sortedWorkloads)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var rank = 0; rank < sortedWorkloads.Count; rank++)
        {
            if (!result.TryAdd(sortedWorkloads[rank].Id, rank))
            {
                throw new ArgumentException($"workload {sortedWorkloads[rank].Id} appears twice");
            }
        }

        return result;
    }

    private static ConnectionSet Find(IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)> entries, IPAddress address) =>
        entries.FirstOrDefault(e => e.Peer.Contains(address)).Allowed ?? ConnectionSet.None;

    private int RequireWorkload(string id) =>
        Ranks.TryGetValue(id, out var rank)
            ? rank
            : throw new ArgumentException($"no workload '{id}' in the analysed cluster (ids look like namespace/name[Kind])", nameof(id));

    private void RequireFamily(IPAddress address)
    {
        var (family, _) = AddressRange.ToNumber(address);
        if (!ExternalFamilies.Contains(family))
        {
            throw new ArgumentException(
                $"{address} is {family}, which no policy names; the analysis covers {string.Join(", ", ExternalFamilies)} only",
                nameof(address));
        }
    }
}

/// <summary>Sorts connections by source, then destination.</summary>
internal sealed class ConnectionOrder : IComparer<Connection>
{
    public static ConnectionOrder Instance { get; } = new();

    public int Compare(Connection? x, Connection? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var bySource = x.Source.CompareTo(y.Source);
        return bySource != 0 ? bySource : x.Destination.CompareTo(y.Destination);
    }
}
