using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Palisade.Components.Connectivity;
using Palisade.Components.Diagnostics;

namespace Palisade.Infra.Diff;

/// <summary>One end of a connection in a diff: a workload ("namespace/name[Kind]") or a set of external address ranges.</summary>
public sealed record DiffPeer(string? Workload, IReadOnlyList<AddressRange> Ranges) : IComparable<DiffPeer>
{
    public static DiffPeer ForWorkload(string id) => new(id, []);

    public static DiffPeer ForRanges(IEnumerable<AddressRange> ranges) => new(null, ranges.Order().ToList());

    public bool IsExternal => Workload is null;

    /// <summary>The workload id, or the ranges as "first-last" joined by ", ".</summary>
    public string Name => Workload ?? string.Join(", ", Ranges);

    /// <summary>Workloads first (by id), then external peers (by family and first range).</summary>
    public int CompareTo(DiffPeer? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (IsExternal != other.IsExternal)
        {
            return IsExternal ? 1 : -1;
        }

        if (!IsExternal)
        {
            return string.CompareOrdinal(Workload, other.Workload);
        }

        for (var i = 0; i < Math.Min(Ranges.Count, other.Ranges.Count); i++)
        {
            var c = Ranges[i].CompareTo(other.Ranges[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return Ranges.Count.CompareTo(other.Ranges.Count);
    }

    public bool Equals(DiffPeer? other) => other is not null && CompareTo(other) == 0;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);
}

/// <summary>Traffic from one peer to another that the head allows and the base did not (opened), and the reverse (closed).</summary>
public sealed record ConnectivityChange(DiffPeer Source, DiffPeer Destination, Traffic Opened, Traffic Closed);

/// <summary>
/// Compares two analysis/connectivity.json files (the contract in design.md). Workload pairs compare directly. External
/// blocks may be partitioned differently on the two sides, so for each workload and direction both sides are split on
/// the union of their range boundaries, compared segment by segment, and segments with identical changes are merged
/// again (adjacent ranges coalesced) for display.
/// </summary>
public static class ConnectivityDiff
{
    private sealed record Entry(DiffPeer Source, DiffPeer Destination, Traffic Allowed);

    public static IReadOnlyList<ConnectivityChange> Compare(string? baseJson, string? headJson, string baseName = "base connectivity.json", string headName = "head connectivity.json")
    {
        var before = Parse(baseJson, baseName);
        var after = Parse(headJson, headName);
        var changes = new List<ConnectivityChange>();

        // Workload to workload.
        var oldPairs = before.Where(e => !e.Source.IsExternal && !e.Destination.IsExternal).ToDictionary(e => (e.Source.Workload!, e.Destination.Workload!), e => e.Allowed);
        var newPairs = after.Where(e => !e.Source.IsExternal && !e.Destination.IsExternal).ToDictionary(e => (e.Source.Workload!, e.Destination.Workload!), e => e.Allowed);
        foreach (var key in oldPairs.Keys.Union(newPairs.Keys))
        {
            var o = oldPairs.GetValueOrDefault(key, Traffic.None);
            var n = newPairs.GetValueOrDefault(key, Traffic.None);
            Add(changes, DiffPeer.ForWorkload(key.Item1), DiffPeer.ForWorkload(key.Item2), n.Minus(o), o.Minus(n));
        }

        // Workload to and from external blocks, per workload, direction and address family.
        var externalKeys = before.Concat(after)
            .Where(e => e.Source.IsExternal != e.Destination.IsExternal)
            .Select(e => (Workload: (e.Source.Workload ?? e.Destination.Workload)!, Outbound: e.Destination.IsExternal, Family: External(e).Ranges[0].Family))
            .Distinct();
        foreach (var (workload, outbound, family) in externalKeys)
        {
            bool Matches(Entry e) =>
                e.Destination.IsExternal == outbound && e.Source.IsExternal == !outbound &&
                (e.Source.Workload ?? e.Destination.Workload) == workload && External(e).Ranges[0].Family == family;

            var oldBlocks = before.Where(Matches).SelectMany(e => External(e).Ranges.Select(r => (Range: r, e.Allowed))).ToList();
            var newBlocks = after.Where(Matches).SelectMany(e => External(e).Ranges.Select(r => (Range: r, e.Allowed))).ToList();
            foreach (var (ranges, opened, closed) in CompareBlocks(family, oldBlocks, newBlocks))
            {
                var external = DiffPeer.ForRanges(ranges);
                var self = DiffPeer.ForWorkload(workload);
                Add(changes, outbound ? self : external, outbound ? external : self, opened, closed);
            }
        }

        return changes.OrderBy(c => c.Source).ThenBy(c => c.Destination).ToList();
    }

    private static DiffPeer External(Entry e) => e.Source.IsExternal ? e.Source : e.Destination;

    private static void Add(List<ConnectivityChange> changes, DiffPeer source, DiffPeer destination, Traffic opened, Traffic closed)
    {
        if (!opened.IsEmpty || !closed.IsEmpty)
        {
            changes.Add(new ConnectivityChange(source, destination, opened, closed));
        }
    }

    /// <summary>Splits both sides on the union of their boundaries and groups the segments by (opened, closed).</summary>
    internal static IEnumerable<(IReadOnlyList<AddressRange> Ranges, Traffic Opened, Traffic Closed)> CompareBlocks(
        AddressFamily family,
        IReadOnlyList<(AddressRange Range, Traffic Allowed)> oldBlocks,
        IReadOnlyList<(AddressRange Range, Traffic Allowed)> newBlocks)
    {
        var max = AddressRange.MaxValue(family);
        var cuts = new SortedSet<UInt128> { UInt128.Zero };
        foreach (var (range, _) in oldBlocks.Concat(newBlocks))
        {
            cuts.Add(range.First);
            if (range.Last < max)
            {
                cuts.Add(range.Last + 1);
            }
        }

        var points = cuts.ToList();
        var groups = new List<(List<AddressRange> Ranges, Traffic Opened, Traffic Closed)>();
        for (var i = 0; i < points.Count; i++)
        {
            var first = points[i];
            var last = i + 1 < points.Count ? points[i + 1] - 1 : max;
            var o = oldBlocks.FirstOrDefault(b => b.Range.First <= first && first <= b.Range.Last).Allowed ?? Traffic.None;
            var n = newBlocks.FirstOrDefault(b => b.Range.First <= first && first <= b.Range.Last).Allowed ?? Traffic.None;
            var opened = n.Minus(o);
            var closed = o.Minus(n);
            if (opened.IsEmpty && closed.IsEmpty)
            {
                continue;
            }

            var segment = new AddressRange(family, first, last);
            var group = groups.FindIndex(g => g.Opened == opened && g.Closed == closed);
            if (group < 0)
            {
                groups.Add(([segment], opened, closed));
            }
            else if (groups[group].Ranges[^1].Last + 1 == first)
            {
                groups[group].Ranges[^1] = groups[group].Ranges[^1] with { Last = last };
            }
            else
            {
                groups[group].Ranges.Add(segment);
            }
        }

        return groups.Select(g => ((IReadOnlyList<AddressRange>)g.Ranges, g.Opened, g.Closed));
    }

    private static List<Entry> Parse(string? json, string name)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var entries = new List<Entry>();
            var index = 0;
            foreach (var connection in document.RootElement.GetProperty("connections").EnumerateArray())
            {
                var where = $"connections[{index++}]";
                entries.Add(new Entry(
                    ParsePeer(connection.GetProperty("src"), where),
                    ParsePeer(connection.GetProperty("dst"), where),
                    Traffic.Parse(connection.GetProperty("conns"), where)));
            }

            return entries;
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentException or OverflowException)
        {
            throw new InputError(name, $"not a connectivity report as design.md describes it ({e.Message})",
                "Synthesize it again with the `synth` verb.");
        }
    }

    private static DiffPeer ParsePeer(JsonElement peer, string where)
    {
        if (peer.ValueKind == JsonValueKind.String)
        {
            return DiffPeer.ForWorkload(peer.GetString()!);
        }

        var ranges = peer.EnumerateArray().Select(r =>
        {
            var text = r.GetString() ?? "";
            var dash = text.IndexOf('-');
            if (dash < 0)
            {
                throw new FormatException($"{where}: address range '{text}' is not first-last");
            }

            var (family, first) = AddressRange.ToNumber(IPAddress.Parse(text[..dash]));
            var (lastFamily, last) = AddressRange.ToNumber(IPAddress.Parse(text[(dash + 1)..]));
            if (family != lastFamily || last < first)
            {
                throw new FormatException($"{where}: address range '{text}' is not first-last");
            }

            return new AddressRange(family, first, last);
        }).ToList();
        if (ranges.Count == 0)
        {
            throw new FormatException($"{where}: an external peer has no ranges");
        }

        return DiffPeer.ForRanges(ranges);
    }
}
