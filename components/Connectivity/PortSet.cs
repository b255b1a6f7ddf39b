namespace Palisade.Components.Connectivity;

/// <summary>An immutable set of ports 1-65535, kept as sorted, disjoint, non-adjacent inclusive ranges.</summary>
public sealed class PortSet : IEquatable<PortSet>
{
    public const int MinPort = 1;
    public const int MaxPort = 65535;

    private readonly PortRange[] ranges;
    private readonly int hash;

    private PortSet(PortRange[] ranges)
    {
        this.ranges = ranges;
        var h = new HashCode();
        foreach (var range in ranges)
        {
            h.Add(range.First);
            h.Add(range.Last);
        }

        hash = h.ToHashCode();
    }

    public static PortSet Empty { get; } = new([]);

    public static PortSet All { get; } = new([new PortRange(MinPort, MaxPort)]);

    public IReadOnlyList<PortRange> Ranges => ranges;

    public bool IsEmpty => ranges.Length == 0;

    public bool IsAll => ranges.Length == 1 && ranges[0].First == MinPort && ranges[0].Last == MaxPort;

    public static PortSet Single(int port) => Range(port, port);

    public static PortSet Range(int first, int last)
    {
        if (first < MinPort || last > MaxPort || first > last)
        {
            throw new ArgumentOutOfRangeException(nameof(first), $"port range {first}-{last} is not within {MinPort}-{MaxPort}");
        }

        return first == MinPort && last == MaxPort ? All : new PortSet([new PortRange(first, last)]);
    }

    public static PortSet Of(IEnumerable<PortRange> ranges)
    {
        var result = Empty;
        foreach (var range in ranges)
        {
            result = result.Union(Range(range.First, range.Last));
        }

        return result;
    }

    public bool Contains(int port)
    {
        int lo = 0, hi = ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            if (port < ranges[mid].First)
            {
                hi = mid - 1;
            }
            else if (port > ranges[mid].Last)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    public PortSet Union(PortSet other)
    {
        if (other.IsEmpty || ReferenceEquals(this, other) || IsAll)
        {
            return this;
        }

        if (IsEmpty || other.IsAll)
        {
            return other;
        }

        var merged = new List<PortRange>(ranges.Length + other.ranges.Length);
        int i = 0, j = 0;
        while (i < ranges.Length || j < other.ranges.Length)
        {
            var next = j >= other.ranges.Length || (i < ranges.Length && ranges[i].First <= other.ranges[j].First)
                ? ranges[i++]
                : other.ranges[j++];
            if (merged.Count > 0 && next.First <= merged[^1].Last + 1)
            {
                var last = merged[^1];
                merged[^1] = last with { Last = Math.Max(last.Last, next.Last) };
            }
            else
            {
                merged.Add(next);
            }
        }

        return Create(merged);
    }

    public PortSet Intersect(PortSet other)
    {
        if (IsEmpty || other.IsAll || ReferenceEquals(this, other))
        {
            return this;
        }

        if (other.IsEmpty || IsAll)
        {
            return other;
        }

        var result = new List<PortRange>();
        int i = 0, j = 0;
        while (i < ranges.Length && j < other.ranges.Length)
        {
            var first = Math.Max(ranges[i].First, other.ranges[j].First);
            var last = Math.Min(ranges[i].Last, other.ranges[j].Last);
            if (first <= last)
            {
                result.Add(new PortRange(first, last));
            }

            if (ranges[i].Last < other.ranges[j].Last)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return Create(result);
    }

    /// <summary>The ports not in this set.</summary>
    public PortSet Complement()
    {
        if (IsEmpty)
        {
            return All;
        }

        var result = new List<PortRange>();
        var next = MinPort;
        foreach (var range in ranges)
        {
            if (range.First > next)
            {
                result.Add(new PortRange(next, range.First - 1));
            }

            next = range.Last + 1;
        }

        if (next <= MaxPort)
        {
            result.Add(new PortRange(next, MaxPort));
        }

        return result.Count == 1 && result[0].First == MinPort && result[0].Last == MaxPort ? All : new PortSet([.. result]);
    }

    public PortSet Subtract(PortSet other) => other.IsEmpty || IsEmpty ? this : Intersect(other.Complement());

    public bool Equals(PortSet? other) =>
        other is not null && (ReferenceEquals(this, other) || (hash == other.hash && ranges.AsSpan().SequenceEqual(other.ranges)));

    public override bool Equals(object? obj) => Equals(obj as PortSet);

    public override int GetHashCode() => hash;

    /// <summary>"80,443,8000-8080".</summary>
    public override string ToString() => string.Join(",", ranges);

    private static PortSet Create(List<PortRange> ranges) =>
        ranges.Count == 0 ? Empty
        : ranges.Count == 1 && ranges[0].First == MinPort && ranges[0].Last == MaxPort ? All
        : new PortSet([.. ranges]);
}
