using System.Net;
using System.Net.Sockets;

namespace Palisade.Components.Connectivity;

/// <summary>
/// An immutable set of IPv4 and IPv6 addresses in canonical form: sorted (IPv4 first), disjoint, non-adjacent
/// inclusive ranges, so two sets hold the same addresses exactly when their ranges are equal.
/// </summary>
internal sealed class AddressSet : IEquatable<AddressSet>
{
    private readonly AddressRange[] ranges;
    private readonly int hash;

    private AddressSet(AddressRange[] canonical)
    {
        ranges = canonical;
        var h = new HashCode();
        foreach (var range in canonical)
        {
            h.Add(range);
        }

        hash = h.ToHashCode();
    }

    public static AddressSet Empty { get; } = new([]);

    /// <summary>Every IPv4 and every IPv6 address.</summary>
    public static AddressSet All { get; } =
        new([AddressRange.Whole(AddressFamily.InterNetwork), AddressRange.Whole(AddressFamily.InterNetworkV6)]);

    /// <summary>The canonical ranges: sorted, disjoint and never adjacent within a family.</summary>
    public IReadOnlyList<AddressRange> Ranges => ranges;

    public bool IsEmpty => ranges.Length == 0;

    public static AddressSet Of(AddressRange range) => new([range]);

    public static AddressSet Of(IEnumerable<AddressRange> ranges) => new(Canonical(ranges.Order().ToList()));

    public static AddressSet Of(IPNetwork network) => Of(Cidr.ToRange(network));

    /// <summary>An ipBlock's addresses: the CIDR minus its except ranges.</summary>
    public static AddressSet Block(AddressRange cidr, IEnumerable<AddressRange> except) => Of(cidr).Subtract(Of(except));

    /// <summary>Every address of one family.</summary>
    public static AddressSet Whole(AddressFamily family) => Of(AddressRange.Whole(family));

    public bool Contains(IPAddress address)
    {
        var (family, value) = AddressRange.ToNumber(address);
        return Contains(new AddressRange(family, value, value));
    }

    /// <summary>Whether every address of <paramref name="range"/> is in the set.</summary>
    public bool Contains(AddressRange range)
    {
        int lo = 0, hi = ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var c = Compare(range.Family, range.First, ranges[mid].Family, ranges[mid].First);
            if (c < 0)
            {
                hi = mid - 1;
            }
            else if (Compare(range.Family, range.First, ranges[mid].Family, ranges[mid].Last) > 0)
            {
                lo = mid + 1;
            }
            else
            {
                return ranges[mid].Contains(range);
            }
        }

        return false;
    }

    public bool IsSubsetOf(AddressSet other) => Subtract(other).IsEmpty;

    public bool Overlaps(AddressSet other) => !Intersect(other).IsEmpty;

    public AddressSet Union(AddressSet other)
    {
        if (other.IsEmpty || ReferenceEquals(this, other))
        {
            return this;
        }

        if (IsEmpty)
        {
            return other;
        }

        var merged = new List<AddressRange>(ranges.Length + other.ranges.Length);
        int i = 0, j = 0;
        while (i < ranges.Length || j < other.ranges.Length)
        {
            merged.Add(j >= other.ranges.Length || (i < ranges.Length && ranges[i].CompareTo(other.ranges[j]) <= 0)
                ? ranges[i++]
                : other.ranges[j++]);
        }

        return new AddressSet(Canonical(merged));
    }

    public AddressSet Intersect(AddressSet other)
    {
        if (IsEmpty || ReferenceEquals(this, other))
        {
            return this;
        }

        if (other.IsEmpty)
        {
            return other;
        }

        var result = new List<AddressRange>();
        int i = 0, j = 0;
        while (i < ranges.Length && j < other.ranges.Length)
        {
            var a = ranges[i];
            var b = other.ranges[j];
            if (a.Family != b.Family)
            {
                if (a.Family < b.Family)
                {
                    i++;
                }
                else
                {
                    j++;
                }

                continue;
            }

            var first = UInt128.Max(a.First, b.First);
            var last = UInt128.Min(a.Last, b.Last);
            if (first <= last)
            {
                result.Add(new AddressRange(a.Family, first, last));
            }

            if (a.Last < b.Last)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return result.Count == 0 ? Empty : new AddressSet([.. result]);
    }

    /// <summary>Every IPv4 and IPv6 address not in the set.</summary>
    public AddressSet Complement()
    {
        var result = new List<AddressRange>();
        foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
        {
            var max = AddressRange.MaxValue(family);
            var next = UInt128.Zero;
            var open = true;
            foreach (var range in ranges.Where(r => r.Family == family))
            {
                if (range.First > next)
                {
                    result.Add(new AddressRange(family, next, range.First - 1));
                }

                if (range.Last == max)
                {
                    open = false;
                    break;
                }

                next = range.Last + 1;
            }

            if (open)
            {
                result.Add(new AddressRange(family, next, max));
            }
        }

        return result.Count == 0 ? Empty : new AddressSet([.. result]);
    }

    /// <summary>The addresses of this set that are not in <paramref name="other"/>.</summary>
    public AddressSet Subtract(AddressSet other) => IsEmpty || other.IsEmpty ? this : Intersect(other.Complement());

    public bool Equals(AddressSet? other) =>
        other is not null && (ReferenceEquals(this, other) || (hash == other.hash && ranges.AsSpan().SequenceEqual(other.ranges)));

    public override bool Equals(object? obj) => Equals(obj as AddressSet);

    public override int GetHashCode() => hash;

    /// <summary>The canonical ranges as "first-last" joined by ", "; "none" when empty.</summary>
    public override string ToString() => IsEmpty ? "none" : string.Join(", ", ranges);

    /// <summary>Merges sorted ranges that overlap or touch within a family.</summary>
    private static AddressRange[] Canonical(List<AddressRange> sorted)
    {
        var result = new List<AddressRange>(sorted.Count);
        foreach (var next in sorted)
        {
            if (next.Last < next.First)
            {
                throw new ArgumentException($"address range {next} ends before it starts", nameof(sorted));
            }

            if (result.Count > 0)
            {
                var last = result[^1];
                if (last.Family == next.Family &&
                    (next.First <= last.Last || (last.Last != AddressRange.MaxValue(last.Family) && next.First == last.Last + 1)))
                {
                    result[^1] = last with { Last = UInt128.Max(last.Last, next.Last) };
                    continue;
                }
            }

            result.Add(next);
        }

        return [.. result];
    }

    private static int Compare(AddressFamily leftFamily, UInt128 left, AddressFamily rightFamily, UInt128 right) =>
        leftFamily != rightFamily ? ((int)leftFamily).CompareTo((int)rightFamily) : left.CompareTo(right);
}
