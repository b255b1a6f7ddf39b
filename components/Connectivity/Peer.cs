using System.Net;
using System.Net.Sockets;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// One end of a connection: a workload, or a set of external addresses with uniform connectivity.
/// Workloads sort before external peers; workloads by id, external peers by family and first address.
/// </summary>
public abstract class Peer : IComparable<Peer>, IEquatable<Peer>
{
    /// <summary>The report name: "namespace/name[Kind]", or "first-last" ranges joined by commas.</summary>
    public abstract string Name { get; }

    public abstract bool IsExternal { get; }

    public abstract int CompareTo(Peer? other);

    public abstract bool Equals(Peer? other);

    public override bool Equals(object? obj) => Equals(obj as Peer);

    public abstract override int GetHashCode();

    public override string ToString() => Name;
}

public sealed class WorkloadPeer(Workload workload) : Peer
{
    public Workload Workload { get; } = workload;

    public string Id { get; } = workload.Id;

    public override string Name => Id;

    public override bool IsExternal => false;

    public override int CompareTo(Peer? other) => other switch
    {
        null => 1,
        WorkloadPeer w => PeerOrder.Compare(Id, null, w.Id, null),
        _ => -1,
    };

    public override bool Equals(Peer? other) => other is WorkloadPeer w && w.Id == Id;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);
}

/// <summary>External addresses (outside the pod network) of one family, as an address set in canonical form.</summary>
public sealed class ExternalPeer : Peer
{
    /// <summary>The addresses of the ranges, in canonical form (overlapping or touching ranges merge).</summary>
    /// <param name="label">The name of the named range the addresses lie in (a platform endpoint, the nodes), if any.</param>
    public ExternalPeer(IEnumerable<AddressRange> ranges, string? label = null)
        : this(AddressSet.Of(ranges), label)
    {
    }

    internal ExternalPeer(AddressSet addresses, string? label = null)
    {
        if (addresses.IsEmpty)
        {
            throw new ArgumentException("an external peer needs at least one address range", nameof(addresses));
        }

        if (addresses.Ranges.Any(r => r.Family != addresses.Ranges[0].Family))
        {
            throw new ArgumentException("an external peer holds addresses of one family", nameof(addresses));
        }

        Addresses = addresses;
        Label = label;
        Name = label is null ? string.Join(",", addresses.Ranges) : $"{label} ({string.Join(",", addresses.Ranges)})";
    }

    internal AddressSet Addresses { get; }

    /// <summary>The name these addresses go by (e.g. node-local-dns), or null for plain addresses.</summary>
    public string? Label { get; }

    public IReadOnlyList<AddressRange> Ranges => Addresses.Ranges;

    public AddressFamily Family => Addresses.Ranges[0].Family;

    public override string Name { get; }

    public override bool IsExternal => true;

    public bool Contains(IPAddress address) => Addresses.Contains(address);

    public override int CompareTo(Peer? other) => other is ExternalPeer e ? PeerOrder.CompareExternal(Addresses, e.Addresses) : 1;

    public override bool Equals(Peer? other) => other is ExternalPeer e && e.Label == Label && e.Addresses.Equals(Addresses);

    public override int GetHashCode() => HashCode.Combine(Addresses, Label);
}

/// <summary>
/// The one order of connection ends in every report and diff: workloads before external peers, workloads by id
/// (ordinal), external peers by their canonical ranges (family, then first address, then range by range).
/// </summary>
internal static class PeerOrder
{
    public static int Compare(string? workload, AddressSet? external, string? otherWorkload, AddressSet? otherExternal)
    {
        var isExternal = workload is null;
        if (isExternal != (otherWorkload is null))
        {
            return isExternal ? 1 : -1;
        }

        return isExternal ? CompareExternal(external!, otherExternal!) : string.CompareOrdinal(workload, otherWorkload);
    }

    public static int CompareExternal(AddressSet left, AddressSet right)
    {
        var a = left.Ranges;
        var b = right.Ranges;
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Count.CompareTo(b.Count);
    }
}
