using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;

namespace Palisade.Infra.Reports.Connectivity;

/// <summary>
/// CONNS of the connectivity JSON contract, written and read in one place: "All Connections" or a list of
/// {"protocol","ports"} with one entry per contiguous port range ("80" or "8000-8080"). The contract has no entry for
/// the protocols a port cannot name; outputs that must show them (the diff) ask for a {"protocol":"OTHER"} entry.
/// </summary>
internal static class ConnectionSetJson
{
    public const string OtherProtocol = "OTHER";

    private static readonly JsonEncodedText AllConnections =
        JsonEncodedText.Encode(ConnectionSet.AllConnectionsText, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    /// <param name="otherProtocols">Also write {"protocol":"OTHER"} when the set allows protocols a port cannot name.</param>
    /// <param name="keysInOrdinalOrder">"ports" before "protocol", for outputs whose keys are all in ordinal order.</param>
    public static void Write(Utf8JsonWriter json, ConnectionSet allowed, bool otherProtocols = false, bool keysInOrdinalOrder = false)
    {
        if (allowed.IsAll)
        {
            json.WriteStringValue(AllConnections);
            return;
        }

        json.WriteStartArray();
        foreach (var (protocol, ports) in allowed.Protocols)
        {
            foreach (var range in ports.Ranges)
            {
                json.WriteStartObject();
                if (keysInOrdinalOrder)
                {
                    json.WriteString("ports", range.ToString());
                }

                json.WriteString("protocol", protocol.ToString());
                if (!keysInOrdinalOrder)
                {
                    json.WriteString("ports", range.ToString());
                }

                json.WriteEndObject();
            }
        }

        if (otherProtocols && allowed.AllowsOtherProtocols)
        {
            json.WriteStartObject();
            json.WriteString("protocol", OtherProtocol);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Reads CONNS (and the OTHER entry); <paramref name="where"/> names the entry in messages.</summary>
    /// <exception cref="FormatException">Not CONNS as the contract describes it.</exception>
    public static ConnectionSet Read(JsonElement conns, string where)
    {
        if (conns.ValueKind == JsonValueKind.String && conns.GetString() == ConnectionSet.AllConnectionsText)
        {
            return ConnectionSet.All;
        }

        if (conns.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{where}: conns must be \"{ConnectionSet.AllConnectionsText}\" or a list");
        }

        var result = ConnectionSet.None;
        foreach (var entry in conns.EnumerateArray())
        {
            var protocolText = entry.GetProperty("protocol").GetString() ?? "";
            if (protocolText == OtherProtocol)
            {
                result = result.Union(ConnectionSet.OtherProtocolsOnly);
                continue;
            }

            if (!Enum.TryParse<Protocol>(protocolText, ignoreCase: false, out var protocol) || !Enum.IsDefined(protocol) || int.TryParse(protocolText, out _))
            {
                throw new FormatException($"{where}: unknown protocol '{protocolText}'");
            }

            result = result.Union(ConnectionSet.For(protocol, Ports(entry.GetProperty("ports").GetString() ?? "", where)));
        }

        return result;
    }

    private static PortSet Ports(string text, string where)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (!TryPort(dash < 0 ? text : text[..dash], out var first) || !TryPort(dash < 0 ? text : text[(dash + 1)..], out var last) || first > last)
        {
            throw new FormatException($"{where}: ports '{text}' must be a port or a range first-last within {PortSet.MinPort}-{PortSet.MaxPort}");
        }

        return PortSet.Range(first, last);
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= PortSet.MinPort and <= PortSet.MaxPort;
}
