using System.Net.Sockets;

namespace Palisade.Components.Connectivity;

/// <summary>
/// Values assigned to disjoint address ranges (what a workload allows with each external block): two assignments cut
/// at the union of their boundaries, and ranges grouped back into address sets by value.
/// </summary>
internal static class AddressPartition
{
    /// <summary>
    /// Cuts one family's whole address space at every boundary of both assignments and yields each piece with the value
    /// each side gives it (the side's <c>none</c> where it assigns nothing). Each side's ranges must be disjoint.
    /// </summary>
    public static IEnumerable<(AddressRange Range, TLeft Left, TRight Right)> Overlay<TLeft, TRight>(
        AddressFamily family,
        IEnumerable<(AddressRange Range, TLeft Value)> left,
        TLeft leftNone,
        IEnumerable<(AddressRange Range, TRight Value)> right,
        TRight rightNone)
    {
        var max = AddressRange.MaxValue(family);
        var lefts = left.Where(r => r.Range.Family == family).OrderBy(r => r.Range).ToArray();
        var rights = right.Where(r => r.Range.Family == family).OrderBy(r => r.Range).ToArray();
        var cuts = new SortedSet<UInt128> { UInt128.Zero };
        foreach (var range in lefts.Select(r => r.Range).Concat(rights.Select(r => r.Range)))
        {
            cuts.Add(range.First);
            if (range.Last < max)
            {
                cuts.Add(range.Last + 1);
            }
        }

        var points = cuts.ToArray();
        int l = 0, r = 0;
        for (var i = 0; i < points.Length; i++)
        {
            var first = points[i];
            var last = i + 1 < points.Length ? points[i + 1] - 1 : max;
            while (l < lefts.Length && lefts[l].Range.Last < first)
            {
                l++;
            }

            while (r < rights.Length && rights[r].Range.Last < first)
            {
                r++;
            }

            yield return (new AddressRange(family, first, last),
                l < lefts.Length && lefts[l].Range.First <= first ? lefts[l].Value : leftNone,
                r < rights.Length && rights[r].Range.First <= first ? rights[r].Value : rightNone);
        }
    }

    /// <summary>
    /// Groups disjoint ranges by value: adjacent ranges with equal values merge, and all ranges of one family with one
    /// value form one address set. The result is the same for any finer partition of the same assignment; groups come
    /// in the order of their first address.
    /// </summary>
    public static IReadOnlyList<(AddressFamily Family, AddressSet Addresses, T Value)> Group<T>(IEnumerable<(AddressRange Range, T Value)> ranges)
        where T : notnull
    {
        var comparer = EqualityComparer<T>.Default;
        var merged = new List<(AddressRange Range, T Value)>();
        foreach (var (range, value) in ranges.OrderBy(r => r.Range))
        {
            if (merged.Count > 0)
            {
                var last = merged[^1];
                if (last.Range.Family == range.Family && last.Range.Last != AddressRange.MaxValue(range.Family) &&
                    last.Range.Last + 1 == range.First && comparer.Equals(last.Value, value))
                {
                    merged[^1] = (last.Range with { Last = range.Last }, value);
                    continue;
                }
            }

            merged.Add((range, value));
        }

        var groups = new Dictionary<(AddressFamily, T), List<AddressRange>>();
        var order = new List<(AddressFamily, T)>();
        foreach (var (range, value) in merged)
        {
            var key = (range.Family, value);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
                order.Add(key);
            }

            list.Add(range);
        }

        return order.Select(k => (k.Item1, AddressSet.Of(groups[k]), k.Item2)).ToList();
    }
}
