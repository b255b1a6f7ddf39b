using System.Text;
using Palisade.Components.Connectivity;

namespace Palisade.Infra.Reports.Connectivity;

/// <summary>
/// A Mermaid flowchart: one subgraph per namespace holding its workloads, external address blocks as nodes outside,
/// and one edge per allowed connection labelled with what it allows ("TCP 8000", "All"). Beyond
/// <see cref="ConnectivitySummary.MaxRows"/> connections: one node per namespace (or workload class) and one edge per
/// summary row, labelled with what it allows and how many connections it stands for. With a <see cref="MermaidFocus"/>,
/// only the app workloads, the peers they talk to and their edges, the DNS edges folded into one note.
/// </summary>
internal static class ConnectivityMermaidRenderer
{
    /// <param name="focus">The focused view; null draws every workload and connection.</param>
    public static string Render(ConnectivityResult result, MermaidFocus? focus = null)
    {
        if (focus is null && ConnectivitySummary.For(result) is { } summary)
        {
            return RenderSummary(summary);
        }

        var connections = focus is null ? result.Connections : result.Connections.Where(focus.Shows).ToList();
        var drawn = focus is null
            ? null
            : connections.SelectMany(c => new[] { c.Source, c.Destination }).OfType<WorkloadPeer>().Select(w => w.Id)
                .Concat(focus.Apps).ToHashSet(StringComparer.Ordinal);
        var ids = new NodeIds();
        var output = new StringBuilder("graph LR\n");
        foreach (var ns in result.Workloads.Where(w => drawn is null || drawn.Contains(w.Id)).GroupBy(w => w.Namespace).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.Append($"    subgraph {ids.Reserve("ns_" + ns.Key)}[\"{Label(ns.Key)}\"]\n");
            foreach (var workload in ns)
            {
                output.Append($"        {ids.For(workload.Id, "w_" + workload.Namespace + "_" + workload.Name + "_" + workload.Kind)}[\"{Label($"{workload.Name} [{workload.Kind}]")}\"]\n");
            }

            output.Append("    end\n");
        }

        var externals = connections.SelectMany(c => new[] { c.Source, c.Destination }).OfType<ExternalPeer>()
            .Distinct().Order().ToList();
        for (var i = 0; i < externals.Count; i++)
        {
            output.Append($"    {ids.For(externals[i].Name, $"ext_{i + 1}")}[\"{Label(PeerText.Of(externals[i]).Replace(" except ", "<br/>except ", StringComparison.Ordinal))}\"]\n");
        }

        foreach (var connection in connections)
        {
            output.Append($"    {ids.Get(connection.Source.Name)} -->|\"{Label(EdgeLabel(connection.Allowed))}\"| {ids.Get(connection.Destination.Name)}\n");
        }

        if (focus is not null)
        {
            var dns = result.Connections.Where(focus.IsDnsEdge).ToList();
            if (dns.Count > 0)
            {
                var sources = dns.Select(c => c.Source.Name).Distinct(StringComparer.Ordinal).Count();
                var resolvers = string.Join(", ", dns.Select(c => c.Destination).Distinct().Order().Select(PeerText.Of));
                output.Append($"    {ids.Reserve("dns_note")}[/\"{Label($"DNS: {sources} app workload{(sources == 1 ? string.Empty : "s")} reach {resolvers} on port 53 (edges folded)")}\"/]\n");
            }

            output.Append("    %% focused view: app workloads and the peers they talk to; platform-to-platform edges hidden\n");
        }

        return output.ToString();
    }

    private static string RenderSummary(ConnectivitySummary summary)
    {
        var ids = new NodeIds();
        var output = new StringBuilder("graph LR\n");
        output.Append($"    %% {summary.Headline}\n");
        var groups = summary.Rows.SelectMany(r => new[] { r.Source, r.Destination }).Distinct().Order().ToList();
        var externals = 0;
        foreach (var group in groups)
        {
            var (preferred, label) = group.External is { } external
                ? ($"ext_{++externals}", PeerText.Of(external).Replace(" except ", "<br/>except ", StringComparison.Ordinal))
                : summary.Level == SummaryLevel.Namespace
                    ? ("ns_" + group.Label, $"{group.Label} ({ConnectivitySummary.Number(summary.WorkloadsByNamespace[group.Label])} workloads)")
                    : ("group_" + group.Label.Split(' ')[0], group.Label);
            output.Append($"    {ids.For(Key(group), preferred)}[\"{Label(label)}\"]\n");
        }

        foreach (var row in summary.Rows)
        {
            output.Append($"    {ids.Get(Key(row.Source))} -->|\"{Label($"{EdgeLabel(row.Allowed)} ({ConnectivitySummary.Number(row.Count)})")}\"| {ids.Get(Key(row.Destination))}\n");
        }

        if (summary.Omission is { } omission)
        {
            output.Append($"    %% {omission}\n");
        }

        return output.ToString();

        static string Key(SummaryGroup group) => (group.External is null ? "g:" : "e:") + group.Label;
    }

    private static string EdgeLabel(ConnectionSet allowed) => allowed.IsAll ? "All" : allowed.ToString();

    /// <summary>Quotes end a Mermaid label; everything else is safe inside one.</summary>
    private static string Label(string text) => text.Replace("\"", "#quot;", StringComparison.Ordinal);

    /// <summary>Mermaid-safe node ids (letters, digits, underscores), unique even when two names sanitize alike.</summary>
    private sealed class NodeIds
    {
        private readonly Dictionary<string, string> byName = new(StringComparer.Ordinal);
        private readonly HashSet<string> used = new(StringComparer.Ordinal);

        public string For(string name, string preferred)
        {
            var id = Reserve(preferred);
            byName[name] = id;
            return id;
        }

        public string Get(string name) => byName[name];

        public string Reserve(string preferred)
        {
            var id = new string(preferred.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
            var candidate = id;
            for (var n = 2; !used.Add(candidate); n++)
            {
                candidate = $"{id}_{n}";
            }

            return candidate;
        }
    }
}
