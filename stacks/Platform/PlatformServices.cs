using System.Globalization;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>
/// Reads <c>palisade:platformServices</c>: per service name, its namespace, pod labels and ports, e.g.
/// <code>
/// palisade:platformServices:
///   keycloak:
///     namespace: keycloak
///     podLabels: {app.kubernetes.io/name: keycloak}
///     ports: [TCP/8443]
/// </code>
/// </summary>
internal static class PlatformServices
{
    private static readonly string[] Fields = ["namespace", "podLabels", "ports"];

    public static IReadOnlyList<PlatformService> Read(SettingsReader reader)
    {
        var key = ConfigSchema.PlatformServices;
        if (reader.Map(key) is not { } services)
        {
            return [];
        }

        var result = new List<PlatformService>();
        foreach (var (name, value) in services.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var at = $"{name}";
            if (!KubernetesNames.IsDns1123Label(name))
            {
                throw reader.Error(key, $"'{SettingsReader.Excerpt(name)}' is not a valid service name", "Use a DNS-1123 label such as keycloak.");
            }

            if (value is not ConfigMap fields)
            {
                throw reader.Error(key, $"{at}: expected a mapping with {string.Join(", ", Fields)}", Example);
            }

            foreach (var unknown in fields.Entries.Keys.Where(k => !Fields.Contains(k)))
            {
                throw reader.Error(key, $"{at}: unknown field '{SettingsReader.Excerpt(unknown)}'", $"Use {string.Join(", ", Fields)}.");
            }

            var ns = fields.Entries.GetValueOrDefault("namespace") is ConfigScalar { Text: var text } && KubernetesNames.IsDns1123Label(text)
                ? text
                : throw reader.Error(key, $"{at}.namespace: missing or not a valid namespace name", "Name the namespace the service runs in (a DNS-1123 label).");
            var labels = reader.PodLabels(key, fields.Entries.GetValueOrDefault("podLabels"), $"{at}.podLabels: ", "Select the service's pods by at least one label.");
            var ports = Ports(reader, key, at, fields.Entries.GetValueOrDefault("ports"));
            result.Add(new PlatformService(name, new PlatformPeer(ns, labels), ports));
        }

        return result;
    }

    private const string Example = "Write e.g. keycloak: {namespace: keycloak, podLabels: {app.kubernetes.io/name: keycloak}, ports: [TCP/8443]}.";

    private static IReadOnlyList<ContainerPort> Ports(SettingsReader reader, ConfigKey key, string at, ConfigValue? value)
    {
        if (value is not ConfigList { Items.Count: > 0 } list)
        {
            throw reader.Error(key, $"{at}.ports: missing or empty", "List the ports the service serves, e.g. [TCP/8443].");
        }

        return list.Items.Select(item =>
        {
            var text = item is ConfigScalar s ? s.Text : string.Empty;
            var slash = text.IndexOf('/');
            var protocol = slash < 0 ? "TCP" : text[..slash];
            var number = slash < 0 ? text : text[(slash + 1)..];
            if (!Enum.TryParse<Protocol>(protocol, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) ||
                !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw reader.Error(key, $"{at}.ports: '{SettingsReader.Excerpt(text)}' is not a port",
                    "Write a port as 8443 or <protocol>/<port> with protocol TCP, UDP or SCTP.");
            }

            return new ContainerPort(port, parsed);
        }).Distinct().ToList();
    }
}
