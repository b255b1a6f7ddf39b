using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Palisade.Infra.Checks;

namespace Palisade.Infra.Synthesis;

/// <summary>
/// analysis/checks.json: every check that ran, in the order the checks ran, as
/// <c>{"checks":[{"id":..,"name":..,"passed":..,"findings":[..]}]}</c>. Deterministic, so `diff` can compare revisions.
/// </summary>
internal static class ChecksJsonRenderer
{
    public const string File = "analysis/checks.json";

    public static string Render(IEnumerable<CheckResult> checks)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("checks");
            foreach (var check in checks)
            {
                json.WriteStartObject();
                json.WriteString("id", check.Id.Value);
                json.WriteString("name", check.Name);
                json.WriteBoolean("passed", check.Passed);
                json.WriteStartArray("findings");
                foreach (var finding in check.Findings)
                {
                    json.WriteStringValue(finding);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
