namespace Palisade.Components.Connectivity;

/// <summary>A run of address blocks and the connections allowed with each of them.</summary>
internal readonly record struct BlockSegment(BlockInterval Blocks, ConnectionSet Allowed);

/// <summary>
/// Sweeps the contributions of a workload's rules (blocks matched, connections allowed) into disjoint runs of blocks
/// with the union of the connections, merging neighbours that end up equal and dropping what allows nothing.
/// </summary>
internal static class ExternalSegments
{
    public static IReadOnlyList<BlockSegment> Build(IReadOnlyList<(IReadOnlyList<BlockInterval> Blocks, ConnectionSet Allowed)> contributions)
    {
        var cuts = new List<int>();
        foreach (var (intervals, allowed) in contributions)
        {
            if (allowed.IsEmpty)
            {
                continue;
            }

            foreach (var interval in intervals)
            {
                cuts.Add(interval.First);
                cuts.Add(interval.Last + 1);
            }
        }

        var points = Distinct(cuts);
        var cursors = new int[contributions.Count];
        var result = new List<BlockSegment>();
        for (var p = 0; p + 1 < points.Length; p++)
        {
            var segment = new BlockInterval(points[p], points[p + 1] - 1);
            var allowed = ConnectionSet.None;
            for (var c = 0; c < contributions.Count; c++)
            {
                var intervals = contributions[c].Blocks;
                while (cursors[c] < intervals.Count && intervals[cursors[c]].Last < segment.First)
                {
                    cursors[c]++;
                }

                if (cursors[c] < intervals.Count && intervals[cursors[c]].First <= segment.First)
                {
                    allowed = allowed.Union(contributions[c].Allowed);
                }
            }

            if (allowed.IsEmpty)
            {
                continue;
            }

            if (result.Count > 0 && result[^1].Blocks.Last + 1 == segment.First && result[^1].Allowed.Equals(allowed))
            {
                result[^1] = result[^1] with { Blocks = new BlockInterval(result[^1].Blocks.First, segment.Last) };
            }
            else
            {
                result.Add(new BlockSegment(segment, allowed));
            }
        }

        return result;
    }

    /// <summary>The points in ascending order without repeats.</summary>
    public static int[] Distinct(List<int> points)
    {
        points.Sort();
        var n = 0;
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(points);
        for (var i = 0; i < span.Length; i++)
        {
            if (n == 0 || span[i] != span[n - 1])
            {
                span[n++] = span[i];
            }
        }

        return span[..n].ToArray();
    }
}
