using System.Globalization;
using Palisade.Components.Connectivity;

namespace Palisade.Infra.Reports.Connectivity;

/// <summary>What the rows of a summary group connections by.</summary>
internal enum SummaryLevel
{
    Namespace,
    WorkloadClass,
}

/// <summary>One end of a summary row: a namespace, a workload class, or an external peer.</summary>
internal sealed record SummaryGroup(string Label, ExternalPeer? External) : IComparable<SummaryGroup>
{
    /// <summary>Namespaces and classes by label, then external peers in address order.</summary>
    public int CompareTo(SummaryGroup? other)
    {
        if (other is null)
        {
            return 1;
        }

        return (External, other.External) switch
        {
            (null, null) => string.CompareOrdinal(Label, other.Label),
            (null, _) => -1,
            (_, null) => 1,
            var (a, b) => a.CompareTo(b),
        };
    }
}

/// <summary>Count connections from one group to another that allow the same traffic.</summary>
internal sealed record SummaryRow(SummaryGroup Source, SummaryGroup Destination, ConnectionSet Allowed, long Count);

/// <summary>
/// Beyond <see cref="MaxRows"/> connections a list of every pair helps no one, so the text, Markdown and Mermaid reports
/// show this instead: connections counted per namespace pair, or — when even that gives more than
/// <see cref="MaxRows"/> rows — per workload class, as the engine computed them. Built from the result's connection
/// blocks, so the work follows the number of classes, not the number of pairs.
/// </summary>
internal sealed class ConnectivitySummary
{
    public const int MaxRows = 2_000;

    private ConnectivitySummary(ConnectivityResult result, SummaryLevel level, List<SummaryRow> rows)
    {
        Level = level;
        // Each distinct traffic set is written out once, not twice per comparison.
        var allowedText = new Dictionary<ConnectionSet, string>(ReferenceEqualityComparer.Instance);
        rows.Sort((a, b) =>
        {
            var bySource = a.Source.CompareTo(b.Source);
            if (bySource != 0)
            {
                return bySource;
            }

            var byDestination = a.Destination.CompareTo(b.Destination);
            return byDestination != 0 ? byDestination : string.CompareOrdinal(Text(a.Allowed), Text(b.Allowed));
        });
        Rows = rows.Count > MaxRows ? rows[..MaxRows] : rows;
        OmittedRows = rows.Count - Rows.Count;
        Connections = result.ConnectionCount;
        Workloads = result.Workloads.Count;
        Namespaces = result.Workloads.Select(w => w.Namespace).Distinct(StringComparer.Ordinal).Count();
        WorkloadsByNamespace = result.Workloads.GroupBy(w => w.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        string Text(ConnectionSet allowed)
        {
            if (!allowedText.TryGetValue(allowed, out var text))
            {
                allowedText[allowed] = text = allowed.ToString();
            }

            return text;
        }
    }

    public SummaryLevel Level { get; }

    /// <summary>Sorted by source, destination, allowed; at most <see cref="MaxRows"/>.</summary>
    public IReadOnlyList<SummaryRow> Rows { get; }

    /// <summary>Rows left out beyond <see cref="MaxRows"/> (only when even the classes are that many).</summary>
    public int OmittedRows { get; }

    public long Connections { get; }

    public int Workloads { get; }

    public int Namespaces { get; }

    public IReadOnlyDictionary<string, int> WorkloadsByNamespace { get; }

    /// <summary>Says that the report is a summary, of what, and where every pair is.</summary>
    public string Headline =>
        Counted(Workloads, "workload") + " in " + Counted(Namespaces, "namespace") + ", " + Counted(Connections, "allowed connection") +
        ": summarised by " + (Level == SummaryLevel.Namespace ? "namespace" : "workload class") +
        "; use --output json for every pair.";

    /// <summary>Rows left out, said in words, or null when every row is shown.</summary>
    public string? Omission => OmittedRows == 0 ? null : $"... and {Number(OmittedRows)} more rows; use --output json for every pair.";

    /// <summary>The summary when the result has more than <paramref name="threshold"/> connections, otherwise null.</summary>
    public static ConnectivitySummary? For(ConnectivityResult result, int threshold = MaxRows)
    {
        if (result.ConnectionCount <= threshold)
        {
            return null;
        }

        var byNamespace = ByNamespace(result);
        return byNamespace is not null
            ? new ConnectivitySummary(result, SummaryLevel.Namespace, byNamespace)
            : new ConnectivitySummary(result, SummaryLevel.WorkloadClass, ByClass(result));
    }

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Counted(long value, string noun) => Number(value) + " " + noun + (value == 1 ? string.Empty : "s");

    /// <summary>Rows per (source namespace, destination namespace, allowed), or null beyond <see cref="MaxRows"/> rows.</summary>
    private static List<SummaryRow>? ByNamespace(ConnectivityResult result)
    {
        var counts = new Dictionary<(SummaryGroup, SummaryGroup, ConnectionSet), long>();
        var runs = new Dictionary<IReadOnlyList<Peer>, List<(SummaryGroup Group, int Count)>>(ReferenceEqualityComparer.Instance);
        foreach (var block in result.ConnectionBlocks)
        {
            var sources = Runs(block.Sources);
            var destinations = Runs(block.Destinations);
            foreach (var (source, sourceCount) in sources)
            {
                foreach (var (destination, destinationCount) in destinations)
                {
                    var count = ((long)sourceCount * destinationCount) - (block.SameGroup && source == destination ? sourceCount : 0);
                    if (count == 0)
                    {
                        continue;
                    }

                    var key = (source, destination, block.Allowed);
                    counts[key] = counts.GetValueOrDefault(key) + count;
                    if (counts.Count > MaxRows)
                    {
                        return null;
                    }
                }
            }
        }

        return counts.Select(e => new SummaryRow(e.Key.Item1, e.Key.Item2, e.Key.Item3, e.Value)).ToList();

        List<(SummaryGroup, int)> Runs(IReadOnlyList<Peer> peers)
        {
            if (!runs.TryGetValue(peers, out var list))
            {
                // Peers are sorted by id ("namespace/name[Kind]"), so each namespace is one run.
                list = [];
                foreach (var peer in peers)
                {
                    var group = peer is WorkloadPeer w ? new SummaryGroup(w.Workload.Namespace, null) : new SummaryGroup(peer.Name, (ExternalPeer)peer);
                    if (list.Count > 0 && list[^1].Item1 == group)
                    {
                        list[^1] = (group, list[^1].Item2 + 1);
                    }
                    else
                    {
                        list.Add((group, 1));
                    }
                }

                runs[peers] = list;
            }

            return list;
        }
    }

    /// <summary>One row per connection block: a workload class is named by its first workload and how many more it holds.</summary>
    private static List<SummaryRow> ByClass(ConnectivityResult result) =>
        result.ConnectionBlocks.Select(b => new SummaryRow(Group(b.Sources), Group(b.Destinations), b.Allowed, b.Count)).ToList();

    private static SummaryGroup Group(IReadOnlyList<Peer> peers)
    {
        if (peers.Count == 1)
        {
            return new SummaryGroup(peers[0].Name, peers[0] as ExternalPeer);
        }

        var namespaces = peers.Select(p => ((WorkloadPeer)p).Workload.Namespace).Distinct(StringComparer.Ordinal).Count();
        return new SummaryGroup($"{peers[0].Name} and {Number(peers.Count - 1)} more in {Counted(namespaces, "namespace")}", null);
    }
}
