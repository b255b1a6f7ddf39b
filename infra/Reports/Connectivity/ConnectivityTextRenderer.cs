using System.Text;
using Palisade.Components.Connectivity;

namespace Palisade.Infra.Reports.Connectivity;

/// <summary>
/// An aligned three-column table: source, destination, allowed connections; beyond
/// <see cref="ConnectivitySummary.MaxRows"/> connections, the summary with a count column instead.
/// </summary>
internal static class ConnectivityTextRenderer
{
    public static string Render(ConnectivityResult result)
    {
        if (ConnectivitySummary.For(result) is { } summary)
        {
            return RenderSummary(summary);
        }

        var output = new StringBuilder();
        if (result.Connections.Count == 0)
        {
            return "No connections are allowed.\n";
        }

        var rows = result.Connections.Select(c => (Src: PeerText.Of(c.Source), Dst: PeerText.Of(c.Destination), Conns: c.Allowed.ToString())).ToList();
        var srcWidth = Math.Max("SOURCE".Length, rows.Max(r => r.Src.Length));
        var dstWidth = Math.Max("DESTINATION".Length, rows.Max(r => r.Dst.Length));
        output.Append(Row("SOURCE", srcWidth, "DESTINATION", dstWidth, "ALLOWED"));
        foreach (var (src, dst, conns) in rows)
        {
            output.Append(Row(src, srcWidth, dst, dstWidth, conns));
        }

        return output.ToString();
    }

    private static string RenderSummary(ConnectivitySummary summary)
    {
        var rows = summary.Rows.Select(r => (Src: Label(r.Source), Dst: Label(r.Destination), Count: ConnectivitySummary.Number(r.Count), Conns: r.Allowed.ToString())).ToList();
        var srcWidth = Math.Max("SOURCE".Length, rows.Max(r => r.Src.Length));
        var dstWidth = Math.Max("DESTINATION".Length, rows.Max(r => r.Dst.Length));
        var countWidth = Math.Max("CONNECTIONS".Length, rows.Max(r => r.Count.Length));
        var output = new StringBuilder(summary.Headline).Append('\n');
        output.Append(Row("SOURCE", srcWidth, "DESTINATION", dstWidth, "CONNECTIONS".PadRight(countWidth) + "  ALLOWED"));
        foreach (var (src, dst, count, conns) in rows)
        {
            output.Append(Row(src, srcWidth, dst, dstWidth, count.PadLeft(countWidth) + "  " + conns));
        }

        if (summary.Omission is { } omission)
        {
            output.Append(omission).Append('\n');
        }

        return output.ToString();
    }

    private static string Label(SummaryGroup group) => group.External is { } external ? PeerText.Of(external) : group.Label;

    private static string Row(string src, int srcWidth, string dst, int dstWidth, string conns) =>
        $"{src.PadRight(srcWidth)}  {dst.PadRight(dstWidth)}  {conns}\n";
}
