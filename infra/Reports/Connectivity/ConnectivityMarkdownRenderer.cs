using System.Text;
using Palisade.Components.Connectivity;

namespace Palisade.Infra.Reports.Connectivity;

/// <summary>A Markdown table of the allowed connections, or of the summary beyond <see cref="ConnectivitySummary.MaxRows"/>.</summary>
internal static class ConnectivityMarkdownRenderer
{
    public static string Render(ConnectivityResult result)
    {
        if (ConnectivitySummary.For(result) is { } summary)
        {
            return RenderSummary(summary);
        }

        if (result.Connections.Count == 0)
        {
            return "No connections are allowed.\n";
        }

        var output = new StringBuilder();
        output.Append("| Source | Destination | Allowed |\n");
        output.Append("| --- | --- | --- |\n");
        foreach (var connection in result.Connections)
        {
            output.Append($"| {Cell(connection.Source)} | {Cell(connection.Destination)} | {Escape(connection.Allowed.ToString())} |\n");
        }

        return output.ToString();
    }

    private static string RenderSummary(ConnectivitySummary summary)
    {
        var output = new StringBuilder();
        output.Append(Escape(summary.Headline).Replace("--output json", "`--output json`", StringComparison.Ordinal)).Append("\n\n");
        output.Append("| Source | Destination | Connections | Allowed |\n");
        output.Append("| --- | --- | ---: | --- |\n");
        foreach (var row in summary.Rows)
        {
            output.Append($"| {Cell(row.Source)} | {Cell(row.Destination)} | {ConnectivitySummary.Number(row.Count)} | {Escape(row.Allowed.ToString())} |\n");
        }

        if (summary.Omission is { } omission)
        {
            output.Append('\n').Append(Escape(omission)).Append('\n');
        }

        return output.ToString();
    }

    private static string Cell(SummaryGroup group) =>
        group.External is { } external ? Cell(external) : Escape(group.Label);

    private static string Cell(Peer peer) =>
        peer is ExternalPeer external ? Escape(PeerText.Of(external)) : $"`{peer.Name}`";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
