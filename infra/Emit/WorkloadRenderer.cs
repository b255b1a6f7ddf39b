using System.Globalization;
using Palisade.Components.Kubernetes;

namespace Palisade.Infra.Emit;

/// <summary>
/// Renders the workloads the analysis assumed (each tier's controller with its pod labels and container ports),
/// so a reviewer can see — and re-run <c>connectivity</c> on — exactly what the proof was about.
/// </summary>
internal static class WorkloadRenderer
{
    public static string Render(IEnumerable<Workload> workloads, IReadOnlyDictionary<string, string> images) =>
        YamlWriter.WriteDocuments(workloads
            .OrderBy(w => w.Namespace, StringComparer.Ordinal)
            .ThenBy(w => w.Name, StringComparer.Ordinal)
            .Select(w => Document(w, images.GetValueOrDefault(w.Id, "registry.example/unknown:latest"))));

    private static YamlMapping Document(Workload workload, string image)
    {
        var labels = new YamlMapping(workload.Labels
            .OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => new KeyValuePair<string, YamlNode>(l.Key, new YamlScalar(l.Value)))
            .ToList());
        var container = YamlMapping.Of(
            ("image", new YamlScalar(image)),
            ("name", new YamlScalar(workload.Name)),
            ("ports", workload.Ports.Count == 0 ? null : new YamlSequence(workload.Ports.Select(Port).ToList())));
        var spec = YamlMapping.Of(
            ("selector", YamlMapping.Of(("matchLabels", labels))),
            ("serviceName", workload.Kind == "StatefulSet" ? new YamlScalar(workload.Name) : null),
            ("template", YamlMapping.Of(
                ("metadata", YamlMapping.Of(("labels", labels))),
                ("spec", YamlMapping.Of(("containers", new YamlSequence([container])))))));
        return YamlMapping.Of(
            ("apiVersion", new YamlScalar("apps/v1")),
            ("kind", new YamlScalar(workload.Kind)),
            ("metadata", YamlMapping.Of(("name", new YamlScalar(workload.Name)), ("namespace", new YamlScalar(workload.Namespace)))),
            ("spec", spec));
    }

    private static YamlNode Port(ContainerPort port) => YamlMapping.Of(
        ("containerPort", new YamlScalar(port.Port.ToString(CultureInfo.InvariantCulture), ScalarKind.Number)),
        ("name", port.Name is null ? null : new YamlScalar(port.Name)),
        ("protocol", new YamlScalar(port.Protocol.ToString())));
}
