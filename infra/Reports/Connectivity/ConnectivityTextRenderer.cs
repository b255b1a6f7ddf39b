using System.Text;
using Palisade.Components.Connectivity;

namespace Palisade.Infra.Reports.Connectivity;

/// <summary>An aligned three-column table: source, destination, allowed connections.</summary>
public static class ConnectivityTextRenderer
{
    public static string Render(ConnectivityResult result)
    {
        var output = new StringBuilder();
        if (result.Connections.Count == 0)
        {
            return "No connections are allowed.\n";
        }

        var rows = result.Connections.Select(c => (Src: c.Source.Name, Dst: c.Destination.Name, Conns: c.Allowed.ToString())).ToList();
        var srcWidth = Math.Max("SOURCE".Length, rows.Max(r => r.Src.Length));
        var dstWidth = Math.Max("DESTINATION".Length, rows.Max(r => r.Dst.Length));
        output.Append(Row("SOURCE", srcWidth, "DESTINATION", dstWidth, "ALLOWED"));
        foreach (var (src, dst, conns) in rows)
        {
            output.Append(Row(src, srcWidth, dst, dstWidth, conns));
        }

        return output.ToString();
    }

    private static string Row(string src, int srcWidth, string dst, int dstWidth, string conns) =>
        $"{src.PadRight(srcWidth)}  {dst.PadRight(dstWidth)}  {conns}\n";
}
