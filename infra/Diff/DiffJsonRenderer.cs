using System.Text;
using Palisade.Components.Connectivity;
using System.Text.Encodings.Web;
using System.Text.Json;
using Palisade.Infra.Reports.Connectivity;

namespace Palisade.Infra.Diff;

/// <summary>
/// The diff as one JSON object with keys in ordinal order and arrays in a stable order:
/// <c>{"base","checks","connectivity":{"closed","opened"},"head","notes","program","resources","summary"}</c>. Values that are
/// secret are "[secret]"; a missing old/new value is null. CONNS are as in the connectivity contract, plus
/// <c>{"protocol":"OTHER"}</c> for protocols a NetworkPolicy port cannot name when only part of "All Connections" changed.
/// </summary>
internal static class DiffJsonRenderer
{
    public static string Render(StackDiff diff)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            Side(json, "base", diff.Base);

            json.WriteStartArray("checks");
            foreach (var c in diff.Checks)
            {
                json.WriteStartObject();
                NullableBool(json, "base", c.BasePassed);
                json.WriteStartArray("findings");
                foreach (var f in c.HeadFindings)
                {
                    json.WriteStringValue(f);
                }

                json.WriteEndArray();
                NullableBool(json, "head", c.HeadPassed);
                if (c.Id is not null)
                {
                    json.WriteString("id", c.Id);
                }

                json.WriteString("kind", c.Kind.ToString().ToLowerInvariant());
                json.WriteString("name", c.Name);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartObject("connectivity");
            Connections(json, "closed", diff.Closed, c => c.Closed);
            Connections(json, "opened", diff.Opened, c => c.Opened);
            json.WriteEndObject();

            Side(json, "head", diff.Head);

            json.WriteStartArray("notes");
            foreach (var note in diff.Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();

            json.WriteStartArray("program");
            foreach (var change in diff.Settings)
            {
                Change(json, change);
            }

            json.WriteEndArray();

            json.WriteStartArray("resources");
            foreach (var r in diff.Resources)
            {
                json.WriteStartObject();
                json.WriteString("action", r.Action.ToString().ToLowerInvariant());
                json.WriteStartArray("changes");
                foreach (var change in r.Changes)
                {
                    Change(json, change);
                }

                json.WriteEndArray();
                json.WriteString("name", r.Name);
                json.WriteString("oldType", r.OldType);
                json.WriteStartArray("replaceReasons");
                foreach (var reason in r.ReplaceReasons)
                {
                    json.WriteStringValue(reason);
                }

                json.WriteEndArray();
                json.WriteString("type", r.Type);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartObject("summary");
            json.WriteNumber("add", diff.Count(ResourceAction.Add));
            json.WriteNumber("change", diff.Count(ResourceAction.Update));
            json.WriteNumber("checksChanged", diff.Checks.Count);
            json.WriteNumber("connectionsClosed", diff.Closed.Count);
            json.WriteNumber("connectionsOpened", diff.Opened.Count);
            json.WriteNumber("delete", diff.Count(ResourceAction.Delete));
            json.WriteNumber("replace", diff.Count(ResourceAction.Replace));
            json.WriteEndObject();

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Change(Utf8JsonWriter json, PropertyChange change)
    {
        json.WriteStartObject();
        json.WriteString("new", change.New);
        json.WriteString("old", change.Old);
        json.WriteString("path", change.Path);
        json.WriteEndObject();
    }

    private static void Side(Utf8JsonWriter json, string name, DiffSide side)
    {
        json.WriteStartObject(name);
        json.WriteBoolean("exists", side.Exists);
        json.WriteString("label", side.Label);
        json.WriteString("stack", side.Stack);
        json.WriteEndObject();
    }

    private static void NullableBool(Utf8JsonWriter json, string name, bool? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteBoolean(name, value.Value);
        }
    }

    private static void Connections(Utf8JsonWriter json, string name, IReadOnlyList<ConnectivityChange> changes, Func<ConnectivityChange, ConnectionSet> traffic)
    {
        json.WriteStartArray(name);
        foreach (var c in changes)
        {
            json.WriteStartObject();
            json.WritePropertyName("conns");
            ConnectionSetJson.Write(json, traffic(c), otherProtocols: true, keysInOrdinalOrder: true);
            json.WritePropertyName("dst");
            Peer(json, c.Destination);
            json.WritePropertyName("src");
            Peer(json, c.Source);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Peer(Utf8JsonWriter json, DiffPeer peer)
    {
        if (peer.Workload is not null)
        {
            json.WriteStringValue(peer.Workload);
            return;
        }

        json.WriteStartArray();
        foreach (var range in peer.Ranges)
        {
            json.WriteStringValue(range.ToString());
        }

        json.WriteEndArray();
    }
}
