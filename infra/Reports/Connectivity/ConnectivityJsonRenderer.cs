using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Palisade.Components.Connectivity;

namespace Palisade.Infra.Reports.Connectivity;

/// <summary>
/// The connectivity JSON contract (design.md): {"connections":[{"src":PEER,"dst":PEER,"conns":CONNS}]}. A workload peer
/// is "namespace/name[Kind]", an external peer a list of "first-last" ranges; CONNS is "All Connections" or a list of
/// {"protocol","ports"} with one entry per contiguous port range ("80" or "8000-8080").
/// </summary>
public static class ConnectivityJsonRenderer
{
    public static string Render(ConnectivityResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("connections");
            foreach (var connection in result.Connections)
            {
                json.WriteStartObject();
                json.WritePropertyName("src");
                WritePeer(json, connection.Source);
                json.WritePropertyName("dst");
                WritePeer(json, connection.Destination);
                json.WritePropertyName("conns");
                WriteConnections(json, connection.Allowed);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WritePeer(Utf8JsonWriter json, Peer peer)
    {
        if (peer is ExternalPeer external)
        {
            json.WriteStartArray();
            foreach (var range in external.Ranges)
            {
                json.WriteStringValue(range.ToString());
            }

            json.WriteEndArray();
        }
        else
        {
            json.WriteStringValue(peer.Name);
        }
    }

    private static void WriteConnections(Utf8JsonWriter json, ConnectionSet allowed)
    {
        if (allowed.IsAll)
        {
            json.WriteStringValue(ConnectionSet.AllConnectionsText);
            return;
        }

        json.WriteStartArray();
        foreach (var (protocol, ports) in allowed.Protocols)
        {
            foreach (var range in ports.Ranges)
            {
                json.WriteStartObject();
                json.WriteString("protocol", protocol.ToString());
                json.WriteString("ports", range.ToString());
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
    }
}
