using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Palisade.Components.Connectivity;

namespace Palisade.Infra.Reports.Connectivity;

/// <summary>
/// The connectivity JSON contract (design.md): {"connections":[{"src":PEER,"dst":PEER,"conns":CONNS}]}. A workload peer
/// is "namespace/name[Kind]", an external peer a list of "first-last" ranges; CONNS is "All Connections" or a list of
/// {"protocol","ports"} with one entry per contiguous port range ("80" or "8000-8080"), and {"protocol":"OTHER"} when
/// protocols a port cannot name (ICMP, …) are allowed but not everything is (a cluster policy can deny a port and
/// leave the rest of the traffic, other protocols included, to the default allow).
/// </summary>
internal static class ConnectivityJsonRenderer
{
    /// <summary>Bytes the writer may hold before they go to the stream, so memory stays flat however many pairs.</summary>
    private const int FlushThreshold = 1 << 16;

    private static readonly JsonEncodedText ConnectionsName = JsonEncodedText.Encode("connections");
    private static readonly JsonEncodedText SourceName = JsonEncodedText.Encode("src");
    private static readonly JsonEncodedText DestinationName = JsonEncodedText.Encode("dst");
    private static readonly JsonEncodedText ConnsName = JsonEncodedText.Encode("conns");

    private static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static string Render(ConnectivityResult result)
    {
        using var buffer = new MemoryStream();
        Write(result, buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Streams the report (with its final newline) to <paramref name="stream"/>, connection by connection.</summary>
    public static void Write(ConnectivityResult result, Stream stream)
    {
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = Encoder }))
        {
            json.WriteStartObject();
            json.WriteStartArray(ConnectionsName);
            foreach (var connection in result.EnumerateConnections())
            {
                json.WriteStartObject();
                json.WritePropertyName(SourceName);
                WritePeer(json, connection.Source);
                json.WritePropertyName(DestinationName);
                WritePeer(json, connection.Destination);
                json.WritePropertyName(ConnsName);
                WriteConnections(json, connection.Allowed);
                json.WriteEndObject();
                if (json.BytesPending > FlushThreshold)
                {
                    json.Flush();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        stream.Flush();
    }

    /// <summary>The protocol value that stands for every protocol other than TCP, UDP and SCTP.</summary>
    public const string OtherProtocolsValue = ConnectionSetJson.OtherProtocol;

    private static void WriteConnections(Utf8JsonWriter json, ConnectionSet allowed) => ConnectionSetJson.Write(json, allowed, otherProtocols: true);

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

}
