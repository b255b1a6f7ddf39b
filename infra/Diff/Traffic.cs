using System.Text.Json;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;

namespace Palisade.Infra.Diff;

/// <summary>
/// Traffic between two peers as a set that can be subtracted: ports per TCP, UDP and SCTP, plus the protocols a
/// NetworkPolicy port cannot name (ICMP, ...), which only "All Connections" includes.
/// </summary>
public sealed record Traffic(bool OtherProtocols, PortSet Tcp, PortSet Udp, PortSet Sctp)
{
    public static Traffic None { get; } = new(false, PortSet.Empty, PortSet.Empty, PortSet.Empty);

    public static Traffic All { get; } = new(true, PortSet.All, PortSet.All, PortSet.All);

    public bool IsEmpty => !OtherProtocols && Tcp.IsEmpty && Udp.IsEmpty && Sctp.IsEmpty;

    public bool IsAll => OtherProtocols && Tcp.IsAll && Udp.IsAll && Sctp.IsAll;

    /// <summary>CONNS of the connectivity JSON contract: "All Connections" or a list of {"protocol","ports"}.</summary>
    public static Traffic Parse(JsonElement conns, string where)
    {
        if (conns.ValueKind == JsonValueKind.String && conns.GetString() == ConnectionSet.AllConnectionsText)
        {
            return All;
        }

        if (conns.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{where}: conns must be \"{ConnectionSet.AllConnectionsText}\" or a list");
        }

        var result = None;
        foreach (var entry in conns.EnumerateArray())
        {
            var protocolText = entry.GetProperty("protocol").GetString() ?? "";
            if (protocolText == "OTHER")
            {
                result = result with { OtherProtocols = true };
                continue;
            }

            if (!Enum.TryParse<Protocol>(protocolText, ignoreCase: false, out var protocol))
            {
                throw new FormatException($"{where}: unknown protocol '{protocolText}'");
            }

            var ports = entry.GetProperty("ports").GetString() ?? "";
            var dash = ports.IndexOf('-');
            var set = dash < 0
                ? PortSet.Single(int.Parse(ports, System.Globalization.CultureInfo.InvariantCulture))
                : PortSet.Range(int.Parse(ports[..dash], System.Globalization.CultureInfo.InvariantCulture), int.Parse(ports[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            result = result.Union(protocol, set);
        }

        return result;
    }

    public Traffic Union(Protocol protocol, PortSet ports) => protocol switch
    {
        Protocol.TCP => this with { Tcp = Tcp.Union(ports) },
        Protocol.UDP => this with { Udp = Udp.Union(ports) },
        _ => this with { Sctp = Sctp.Union(ports) },
    };

    /// <summary>What this allows and <paramref name="other"/> does not.</summary>
    public Traffic Minus(Traffic other) => new(
        OtherProtocols && !other.OtherProtocols,
        Subtract(Tcp, other.Tcp),
        Subtract(Udp, other.Udp),
        Subtract(Sctp, other.Sctp));

    public IEnumerable<(Protocol Protocol, PortSet Ports)> Protocols() =>
        new[] { (Protocol.TCP, Tcp), (Protocol.UDP, Udp), (Protocol.SCTP, Sctp) }.Where(p => !p.Item2.IsEmpty);

    /// <summary>"All Connections", "TCP 80,443; UDP 53", with "other protocols" when non-port protocols are included; "None".</summary>
    public override string ToString() =>
        IsAll ? ConnectionSet.AllConnectionsText
        : IsEmpty ? "None"
        : string.Join("; ", Protocols().Select(p => $"{p.Protocol} {p.Ports}").Concat(OtherProtocols ? ["other protocols"] : []));

    public void WriteJson(Utf8JsonWriter json)
    {
        if (IsAll)
        {
            json.WriteStringValue(ConnectionSet.AllConnectionsText);
            return;
        }

        json.WriteStartArray();
        foreach (var (protocol, ports) in Protocols())
        {
            foreach (var range in ports.Ranges)
            {
                json.WriteStartObject();
                json.WriteString("ports", range.ToString());
                json.WriteString("protocol", protocol.ToString());
                json.WriteEndObject();
            }
        }

        if (OtherProtocols)
        {
            json.WriteStartObject();
            json.WriteString("protocol", "OTHER");
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static PortSet Subtract(PortSet a, PortSet b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return a;
        }

        var gaps = new List<PortRange>();
        var next = PortSet.MinPort;
        foreach (var range in b.Ranges)
        {
            if (range.First > next)
            {
                gaps.Add(new PortRange(next, range.First - 1));
            }

            next = range.Last + 1;
        }

        if (next <= PortSet.MaxPort)
        {
            gaps.Add(new PortRange(next, PortSet.MaxPort));
        }

        return a.Intersect(PortSet.Of(gaps));
    }
}
