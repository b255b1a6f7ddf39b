using System.Net;
using System.Net.Sockets;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// Every allowed connection of a cluster, one entry per (source, destination), sorted by source then destination.
/// External peers cover all of IPv4 (and IPv6 when a policy names an IPv6 CIDR); no self-connections.
/// </summary>
public sealed class ConnectivityResult
{
    private readonly Dictionary<string, Workload> workloadsById;
    private Lookup? lookup;

    /// <summary>Builds a result from connections in any order; they are sorted and checked for duplicates.</summary>
    public ConnectivityResult(
        IEnumerable<Workload> workloads,
        IEnumerable<Connection> connections,
        IEnumerable<AddressFamily> externalFamilies)
        : this(
            workloads.OrderBy(w => w.Id, StringComparer.Ordinal).ToList(),
            connections.Order(ConnectionOrder.Instance).ToList(),
            externalFamilies.Distinct().Order().ToList(),
            verify: true)
    {
    }

    internal ConnectivityResult(
        IReadOnlyList<Workload> sortedWorkloads,
        IReadOnlyList<Connection> sortedConnections,
        IReadOnlyList<AddressFamily> externalFamilies,
        bool verify)
    {
        Workloads = sortedWorkloads;
        Connections = sortedConnections;
        ExternalFamilies = externalFamilies;
        workloadsById = new Dictionary<string, Workload>(StringComparer.Ordinal);
        foreach (var workload in sortedWorkloads)
        {
            if (!workloadsById.TryAdd(workload.Id, workload))
            {
                throw new ArgumentException($"workload {workload.Id} appears twice");
            }
        }

        if (verify)
        {
            for (var i = 1; i < sortedConnections.Count; i++)
            {
                if (ConnectionOrder.Instance.Compare(sortedConnections[i - 1], sortedConnections[i]) == 0)
                {
                    throw new ArgumentException($"two entries for {sortedConnections[i].Source} => {sortedConnections[i].Destination}");
                }
            }
        }
    }

    /// <summary>Workloads sorted by id.</summary>
    public IReadOnlyList<Workload> Workloads { get; }

    /// <summary>Allowed connections, sorted by source then destination (workloads before external peers).</summary>
    public IReadOnlyList<Connection> Connections { get; }

    /// <summary>The address families the external peers cover: IPv4, plus IPv6 when a policy uses an IPv6 CIDR.</summary>
    public IReadOnlyList<AddressFamily> ExternalFamilies { get; }

    /// <summary>What traffic from one workload to another is allowed; <see cref="ConnectionSet.None"/> for a workload to itself.</summary>
    public ConnectionSet Between(string sourceId, string destinationId)
    {
        RequireWorkload(sourceId);
        RequireWorkload(destinationId);
        return GetLookup().Pairs.GetValueOrDefault((sourceId, destinationId), ConnectionSet.None);
    }

    public bool Allows(string sourceId, string destinationId, Protocol protocol, int port) =>
        Between(sourceId, destinationId).Allows(protocol, port);

    /// <summary>What traffic from a workload to an external address (e.g. 169.254.169.254) is allowed.</summary>
    public ConnectionSet ToExternal(string sourceId, IPAddress address)
    {
        RequireWorkload(sourceId);
        RequireFamily(address);
        return GetLookup().ToExternal.TryGetValue(sourceId, out var entries) ? Find(entries, address) : ConnectionSet.None;
    }

    /// <summary>What traffic from an external address to a workload is allowed.</summary>
    public ConnectionSet FromExternal(IPAddress address, string destinationId)
    {
        RequireWorkload(destinationId);
        RequireFamily(address);
        return GetLookup().FromExternal.TryGetValue(destinationId, out var entries) ? Find(entries, address) : ConnectionSet.None;
    }

    private static ConnectionSet Find(List<(ExternalPeer Peer, ConnectionSet Allowed)> entries, IPAddress address) =>
        entries.FirstOrDefault(e => e.Peer.Contains(address)).Allowed ?? ConnectionSet.None;

    private void RequireWorkload(string id)
    {
        if (!workloadsById.ContainsKey(id))
        {
            throw new ArgumentException($"no workload '{id}' in the analysed cluster (ids look like namespace/name[Kind])", nameof(id));
        }
    }

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

    private Lookup GetLookup()
    {
        return lookup ??= Build();

        Lookup Build()
        {
            var result = new Lookup();
            foreach (var c in Connections)
            {
                switch (c.Source, c.Destination)
                {
                    case (WorkloadPeer s, WorkloadPeer d):
                        result.Pairs[(s.Id, d.Id)] = c.Allowed;
                        break;
                    case (WorkloadPeer s, ExternalPeer d):
                        Add(result.ToExternal, s.Id, d, c.Allowed);
                        break;
                    case (ExternalPeer s, WorkloadPeer d):
                        Add(result.FromExternal, d.Id, s, c.Allowed);
                        break;
                }
            }

            return result;
        }

        static void Add(Dictionary<string, List<(ExternalPeer, ConnectionSet)>> map, string id, ExternalPeer peer, ConnectionSet allowed)
        {
            if (!map.TryGetValue(id, out var list))
            {
                map[id] = list = [];
            }

            list.Add((peer, allowed));
        }
    }

    private sealed class Lookup
    {
        public Dictionary<(string, string), ConnectionSet> Pairs { get; } = new();

        public Dictionary<string, List<(ExternalPeer Peer, ConnectionSet Allowed)>> ToExternal { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<(ExternalPeer Peer, ConnectionSet Allowed)>> FromExternal { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>Sorts connections by source, then destination.</summary>
public sealed class ConnectionOrder : IComparer<Connection>
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
