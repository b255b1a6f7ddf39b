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
        WorkloadPeer w => string.CompareOrdinal(Id, w.Id),
        _ => -1,
    };

    public override bool Equals(Peer? other) => other is WorkloadPeer w && w.Id == Id;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);
}

/// <summary>External addresses (outside the pod network) of one family, as sorted, disjoint, non-adjacent ranges.</summary>
public sealed class ExternalPeer : Peer
{
    private readonly AddressRange[] ranges;

    /// <param name="label">The name of the named range the addresses lie in (a platform endpoint, the nodes), if any.</param>
    public ExternalPeer(IEnumerable<AddressRange> ranges, string? label = null)
    {
        Label = label;
        this.ranges = [.. ranges.Order()];
        if (this.ranges.Length == 0)
        {
            throw new ArgumentException("an external peer needs at least one address range", nameof(ranges));
        }

        if (this.ranges.Any(r => r.Family != this.ranges[0].Family))
        {
            throw new ArgumentException("an external peer holds addresses of one family", nameof(ranges));
        }

        Name = label is null ? string.Join(",", this.ranges) : $"{label} ({string.Join(",", this.ranges)})";
    }

    /// <summary>The name these addresses go by (e.g. node-local-dns), or null for plain addresses.</summary>
    public string? Label { get; }

    public IReadOnlyList<AddressRange> Ranges => ranges;

    public AddressFamily Family => ranges[0].Family;

    public override string Name { get; }

    public override bool IsExternal => true;

    public bool Contains(IPAddress address) => ranges.Any(r => r.Contains(address));

    public override int CompareTo(Peer? other)
    {
        if (other is not ExternalPeer e)
        {
            return 1;
        }

        for (var i = 0; i < Math.Min(ranges.Length, e.ranges.Length); i++)
        {
            var c = ranges[i].CompareTo(e.ranges[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return ranges.Length.CompareTo(e.ranges.Length);
    }

    public override bool Equals(Peer? other) => other is ExternalPeer e && e.Label == Label && e.ranges.AsSpan().SequenceEqual(ranges);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);
}
