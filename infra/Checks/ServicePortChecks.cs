using System.Globalization;
using Palisade.Components.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace Palisade.Infra.Checks;

/// <summary>
/// Port truth for the rendered Services and Ingresses: a Service's targetPort must name or number a container port
/// (with its protocol) of every pod it selects, and an Ingress backend must use a port of its Service. A mismatch
/// deploys, passes every NetworkPolicy check and then serves nothing.
/// </summary>
internal static class ServicePortChecks
{
    public const string Name = "Every Service targets a container port of its pods, every Ingress backend a Service port";

    private sealed record ServicePort(string? Name, int Port, Protocol Protocol, string TargetPort);

    private sealed record Service(string Namespace, string Name, IReadOnlyDictionary<string, string>? Selector, IReadOnlyList<ServicePort> Ports, string File);

    private sealed record Backend(string Namespace, string Ingress, string Service, string Port, string File);

    /// <summary>Checks the Services and Ingresses of the rendered <c>manifests/</c> against the analysed workloads.</summary>
    public static CheckResult Run(IReadOnlyDictionary<string, string> files, IReadOnlyList<Workload> workloads)
    {
        var services = new List<Service>();
        var backends = new List<Backend>();
        foreach (var (path, text) in files.Where(f => f.Key.StartsWith("manifests/", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            foreach (var root in stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>())
            {
                switch (Text(root, "kind"))
                {
                    case "Service":
                        services.Add(ReadService(root, path));
                        break;
                    case "Ingress":
                        backends.AddRange(ReadBackends(root, path));
                        break;
                }
            }
        }

        var failures = new List<string>();
        foreach (var service in services)
        {
            failures.AddRange(ServiceFindings(service, workloads));
        }

        foreach (var backend in backends)
        {
            var service = services.FirstOrDefault(s => s.Namespace == backend.Namespace && s.Name == backend.Service);
            if (service is null)
            {
                failures.Add($"{backend.File}: Ingress {backend.Namespace}/{backend.Ingress} routes to Service '{backend.Service}', which does not exist in {backend.Namespace}");
            }
            else if (!service.Ports.Any(p => p.Name == backend.Port || p.Port.ToString(CultureInfo.InvariantCulture) == backend.Port))
            {
                failures.Add($"{backend.File}: Ingress {backend.Namespace}/{backend.Ingress} routes to port {backend.Port} of Service '{backend.Service}', " +
                             $"which serves {string.Join(", ", service.Ports.Select(p => p.Name is null ? p.Port.ToString(CultureInfo.InvariantCulture) : $"{p.Port} {p.Name}"))}");
            }
        }

        return CheckResult.From(CheckIds.ServicePorts, Name, failures,
            $"{services.Count} Services target container ports of their pods; {backends.Count} Ingress backends use ports of their Services");
    }

    private static IEnumerable<string> ServiceFindings(Service service, IReadOnlyList<Workload> workloads)
    {
        if (service.Selector is not { Count: > 0 } selector)
        {
            yield break; // A Service without a selector fronts endpoints managed elsewhere; it targets no pod template.
        }

        var selected = workloads.Where(w => w.Namespace == service.Namespace && selector.All(l => w.Labels.GetValueOrDefault(l.Key) == l.Value)).ToList();
        if (selected.Count == 0)
        {
            yield return $"{service.File}: Service {service.Namespace}/{service.Name} selects no pods";
            yield break;
        }

        foreach (var port in service.Ports)
        {
            foreach (var workload in selected)
            {
                var named = !int.TryParse(port.TargetPort, NumberStyles.None, CultureInfo.InvariantCulture, out var number);
                if (!workload.Ports.Any(c => c.Protocol == port.Protocol && (named ? c.Name == port.TargetPort : c.Port == number)))
                {
                    var exposes = workload.Ports.Count == 0
                        ? "no container ports"
                        : string.Join(", ", workload.Ports.Select(c => $"{c.Protocol}/{c.Port}{(c.Name is null ? string.Empty : " " + c.Name)}"));
                    yield return $"{service.File}: Service {service.Namespace}/{service.Name} port {port.Port} targets {port.Protocol} port '{port.TargetPort}', " +
                                 $"which {workload.Id} does not expose (it exposes {exposes})";
                }
            }
        }
    }

    private static Service ReadService(YamlMappingNode root, string file)
    {
        var metadata = Child<YamlMappingNode>(root, "metadata");
        var spec = Child<YamlMappingNode>(root, "spec");
        var selector = Child<YamlMappingNode>(spec, "selector")?.Children
            .ToDictionary(e => ((YamlScalarNode)e.Key).Value ?? string.Empty, e => (e.Value as YamlScalarNode)?.Value ?? string.Empty, StringComparer.Ordinal);
        var ports = (Child<YamlSequenceNode>(spec, "ports")?.Children ?? []).OfType<YamlMappingNode>()
            .Select(p =>
            {
                var port = int.TryParse(Text(p, "port"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
                var protocol = Enum.TryParse<Protocol>(Text(p, "protocol") ?? "TCP", out var parsed) ? parsed : Protocol.TCP;
                return new ServicePort(Text(p, "name"), port, protocol, Text(p, "targetPort") ?? port.ToString(CultureInfo.InvariantCulture));
            })
            .ToList();
        return new Service(Text(metadata, "namespace") ?? "default", Text(metadata, "name") ?? string.Empty, selector, ports, file);
    }

    private static IEnumerable<Backend> ReadBackends(YamlMappingNode root, string file)
    {
        var metadata = Child<YamlMappingNode>(root, "metadata");
        var ns = Text(metadata, "namespace") ?? "default";
        var name = Text(metadata, "name") ?? string.Empty;
        foreach (var rule in (Child<YamlSequenceNode>(Child<YamlMappingNode>(root, "spec"), "rules")?.Children ?? []).OfType<YamlMappingNode>())
        {
            foreach (var path in (Child<YamlSequenceNode>(Child<YamlMappingNode>(rule, "http"), "paths")?.Children ?? []).OfType<YamlMappingNode>())
            {
                var service = Child<YamlMappingNode>(Child<YamlMappingNode>(path, "backend"), "service");
                var port = Child<YamlMappingNode>(service, "port");
                if (service is not null)
                {
                    yield return new Backend(ns, name, Text(service, "name") ?? string.Empty, Text(port, "number") ?? Text(port, "name") ?? string.Empty, file);
                }
            }
        }
    }

    private static T? Child<T>(YamlMappingNode? node, string key) where T : YamlNode =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as T : null;

    private static string? Text(YamlMappingNode? node, string key) => Child<YamlScalarNode>(node, key)?.Value;
}
