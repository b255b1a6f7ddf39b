using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Palisade.Components.Connectivity;
using Palisade.Components.Diagnostics;
using Palisade.Infra.Reports.Connectivity;

namespace Palisade.Infra.Diff;

/// <summary>One end of a connection in a diff: a workload ("namespace/name[Kind]") or a set of external addresses.</summary>
internal sealed record DiffPeer(string? Workload, AddressSet? Addresses) : IComparable<DiffPeer>
{
    public static DiffPeer ForWorkload(string id) => new(id, null);

    public static DiffPeer ForRanges(IEnumerable<AddressRange> ranges) => new(null, AddressSet.Of(ranges));

    public bool IsExternal => Workload is null;

    /// <summary>The external addresses' canonical ranges; none for a workload.</summary>
    public IReadOnlyList<AddressRange> Ranges => Addresses?.Ranges ?? [];

    /// <summary>The workload id, or the ranges as "first-last" joined by ", ".</summary>
    public string Name => Workload ?? string.Join(", ", Ranges);

    /// <summary>The order of <see cref="PeerOrder"/>, as in the connectivity report.</summary>
    public int CompareTo(DiffPeer? other) => other is null ? 1 : PeerOrder.Compare(Workload, Addresses, other.Workload, other.Addresses);

    public bool Equals(DiffPeer? other) => other is not null && CompareTo(other) == 0;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);
}

/// <summary>Traffic from one peer to another that the head allows and the base did not (opened), and the reverse (closed).</summary>
internal sealed record ConnectivityChange(DiffPeer Source, DiffPeer Destination, ConnectionSet Opened, ConnectionSet Closed);

/// <summary>
/// Compares two analysis/connectivity.json files (the contract in design.md). Workload pairs compare directly. External
/// blocks may be partitioned differently on the two sides, so for each workload and direction both sides are cut at
/// the union of their range boundaries (<see cref="AddressPartition"/>), compared piece by piece, and pieces with
/// identical changes are grouped again into address sets for display.
/// </summary>
internal static class ConnectivityDiff
{
    private sealed record Entry(DiffPeer Source, DiffPeer Destination, ConnectionSet Allowed);

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
            var o = oldPairs.GetValueOrDefault(key, ConnectionSet.None);
            var n = newPairs.GetValueOrDefault(key, ConnectionSet.None);
            Add(changes, DiffPeer.ForWorkload(key.Item1), DiffPeer.ForWorkload(key.Item2), n.Subtract(o), o.Subtract(n));
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

    private static void Add(List<ConnectivityChange> changes, DiffPeer source, DiffPeer destination, ConnectionSet opened, ConnectionSet closed)
    {
        if (!opened.IsEmpty || !closed.IsEmpty)
        {
            changes.Add(new ConnectivityChange(source, destination, opened, closed));
        }
    }

    /// <summary>Cuts both sides at the union of their boundaries and groups the pieces by (opened, closed).</summary>
    internal static IEnumerable<(IReadOnlyList<AddressRange> Ranges, ConnectionSet Opened, ConnectionSet Closed)> CompareBlocks(
        AddressFamily family,
        IReadOnlyList<(AddressRange Range, ConnectionSet Allowed)> oldBlocks,
        IReadOnlyList<(AddressRange Range, ConnectionSet Allowed)> newBlocks)
    {
        var pieces = AddressPartition.Overlay(family, oldBlocks, ConnectionSet.None, newBlocks, ConnectionSet.None)
            .Select(p => (p.Range, Value: (Opened: p.Right.Subtract(p.Left), Closed: p.Left.Subtract(p.Right))))
            .Where(p => !p.Value.Opened.IsEmpty || !p.Value.Closed.IsEmpty);
        return AddressPartition.Group(pieces).Select(g => (g.Addresses.Ranges, g.Value.Opened, g.Value.Closed));
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
                    ConnectionSetJson.Read(connection.GetProperty("conns"), where)));
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
