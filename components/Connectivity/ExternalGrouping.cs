using System.Net.Sockets;

namespace Palisade.Components.Connectivity;

/// <summary>
/// Turns per-range connections of one workload into external peers: adjacent ranges with equal connections are merged,
/// then all ranges of one family with equal connections form one peer. The result is the same for any finer input
/// partition, so both evaluators agree byte for byte.
/// </summary>
public static class ExternalGrouping
{
    /// <param name="nameOf">The name of the named range a range lies in (null outside them): named ranges are never merged with others.</param>
    public static IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)> Group(
        IEnumerable<(AddressRange Range, ConnectionSet Allowed)> ranges, Func<AddressRange, string?>? nameOf = null)
    {
        nameOf ??= _ => null;
        var merged = new List<(AddressRange Range, ConnectionSet Allowed)>();
        foreach (var (range, allowed) in ranges.Where(r => !r.Allowed.IsEmpty).OrderBy(r => r.Range))
        {
            if (merged.Count > 0)
            {
                var last = merged[^1];
                if (last.Range.Family == range.Family && last.Range.Last != AddressRange.MaxValue(range.Family) &&
                    last.Range.Last + 1 == range.First && last.Allowed.Equals(allowed) && nameOf(last.Range) == nameOf(range))
                {
                    merged[^1] = (last.Range with { Last = range.Last }, allowed);
                    continue;
                }
            }

            merged.Add((range, allowed));
        }

        var groups = new Dictionary<(AddressFamily, ConnectionSet, string?), List<AddressRange>>();
        var order = new List<(AddressFamily, ConnectionSet, string?)>();
        foreach (var (range, allowed) in merged)
        {
            var key = (range.Family, allowed, nameOf(range));
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
                order.Add(key);
            }

            list.Add(range);
        }

        return order.Select(k => (new ExternalPeer(groups[k], k.Item3), k.Item2)).OrderBy(p => p.Item1).ToList();
    }
}
