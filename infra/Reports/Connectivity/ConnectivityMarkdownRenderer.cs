using System.Text;
using Palisade.Components.Connectivity;

namespace Palisade.Infra.Reports.Connectivity;

/// <summary>A Markdown table of the allowed connections.</summary>
public static class ConnectivityMarkdownRenderer
{
    public static string Render(ConnectivityResult result)
    {
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

    private static string Cell(Peer peer) =>
        peer is ExternalPeer external ? string.Join(", ", external.Ranges.Select(r => Escape(r.ToString()))) : $"`{peer.Name}`";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
