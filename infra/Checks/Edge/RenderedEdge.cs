using YamlDotNet.RepresentationModel;

namespace Palisade.Infra.Checks.Edge;

/// <summary>One path of a rendered Ingress: the prefix and the Service it reaches.</summary>
internal sealed record RenderedPath(string Path, string Service, string Port);

/// <summary>An Ingress as rendered into <c>manifests/</c>: where it is, its class, its annotations and its paths.</summary>
internal sealed record RenderedIngress(string File, string Namespace, string Name, string? ClassName, IReadOnlyDictionary<string, string> Annotations,
    IReadOnlyList<RenderedPath> Paths)
{
    /// <summary>The hosts of its rules.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>Its <c>spec.tls</c> entries: the hosts each covers and the Secret it names.</summary>
    public IReadOnlyList<(IReadOnlyList<string> Hosts, string? SecretName)> Tls { get; init; } = [];

    public string Id => $"{Namespace}/{Name}";
}

/// <summary>A Service as rendered into <c>manifests/</c>: where it is and its annotations.</summary>
internal sealed record RenderedService(string Namespace, string Name, IReadOnlyDictionary<string, string> Annotations);

/// <summary>One resource of the rendered program (<c>Main.yaml</c>): its logical name, type and properties.</summary>
internal sealed record ProgramResource(string Name, string Type, YamlMappingNode? Properties);

/// <summary>
/// The edge as rendered: the Ingresses of the manifests and the resources of the program, read back from the files
/// <c>synth</c> writes (never from the declaration), for the edge checks.
/// </summary>
internal sealed class RenderedEdge
{
    private RenderedEdge(IReadOnlyList<RenderedIngress> ingresses, IReadOnlyList<RenderedService> services,
        IReadOnlyDictionary<string, YamlMappingNode> classParams, IReadOnlyDictionary<string, YamlMappingNode> middlewares,
        IReadOnlyDictionary<string, ProgramResource> resources)
    {
        Middlewares = middlewares;
        Ingresses = ingresses;
        Services = services;
        ClassParams = classParams;
        Resources = resources;
    }

    public IReadOnlyList<RenderedIngress> Ingresses { get; }

    public IReadOnlyList<RenderedService> Services { get; }

    /// <summary>The specs of the rendered ALB IngressClassParams, by name.</summary>
    public IReadOnlyDictionary<string, YamlMappingNode> ClassParams { get; }

    /// <summary>The specs of the rendered Traefik Middlewares, by the name an Ingress refers to them with (<c>&lt;namespace&gt;-&lt;name&gt;</c>).</summary>
    public IReadOnlyDictionary<string, YamlMappingNode> Middlewares { get; }

    public IReadOnlyDictionary<string, ProgramResource> Resources { get; }

    public static RenderedEdge Read(IReadOnlyDictionary<string, string> files)
    {
        var ingresses = new List<RenderedIngress>();
        var services = new List<RenderedService>();
        var classParams = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        var middlewares = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        foreach (var (path, text) in files.Where(f => f.Key.StartsWith("manifests/", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            foreach (var root in stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>())
            {
                var metadata = Child<YamlMappingNode>(root, "metadata");
                switch (Text(root, "kind"))
                {
                    case "Ingress":
                        ingresses.Add(ReadIngress(root, path));
                        break;
                    case "Service":
                        services.Add(new RenderedService(Text(metadata, "namespace") ?? "default", Text(metadata, "name") ?? string.Empty, Annotations(metadata)));
                        break;
                    case Components.Ingress.AlbIngressClass.ParamsKind when Child<YamlMappingNode>(root, "spec") is { } spec:
                        classParams[Text(metadata, "name") ?? string.Empty] = spec;
                        break;
                    case Components.Ingress.TraefikIngressStyle.Kind when Text(root, "apiVersion") == Components.Ingress.TraefikIngressStyle.ApiVersion &&
                                                                          Child<YamlMappingNode>(root, "spec") is { } spec:
                        middlewares[$"{Text(metadata, "namespace") ?? "default"}-{Text(metadata, "name")}"] = spec;
                        break;
                }
            }
        }

        var resources = new Dictionary<string, ProgramResource>(StringComparer.Ordinal);
        if (files.TryGetValue(Synthesis.SynthesisResult.ProgramFile, out var program))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(program));
            var root = stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().FirstOrDefault();
            foreach (var (key, value) in Child<YamlMappingNode>(root, "resources")?.Children.AsEnumerable() ?? [])
            {
                if (key is YamlScalarNode { Value: { } name } && value is YamlMappingNode resource)
                {
                    resources[name] = new ProgramResource(name, Text(resource, "type") ?? string.Empty, Child<YamlMappingNode>(resource, "properties"));
                }
            }
        }

        return new RenderedEdge(ingresses, services, classParams, middlewares, resources);
    }

    /// <summary>The resource an annotation such as <c>&lt;known after deploy: waf-acl.arn&gt;</c> refers to.</summary>
    public ProgramResource? Referenced(string? rendered)
    {
        const string prefix = "<known after deploy: ";
        if (rendered is null || !rendered.StartsWith(prefix, StringComparison.Ordinal) || !rendered.EndsWith('>'))
        {
            return null;
        }

        var reference = rendered[prefix.Length..^1];
        var dot = reference.IndexOf('.', StringComparison.Ordinal);
        return Resources.GetValueOrDefault(dot < 0 ? reference : reference[..dot]);
    }

    public static T? Child<T>(YamlNode? node, string key) where T : YamlNode =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as T : null;

    /// <summary>A value at a dotted path (list items by index), or null.</summary>
    public static YamlNode? At(YamlNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = node switch
            {
                YamlMappingNode map => map.Children.TryGetValue(new YamlScalarNode(part), out var value) ? value : null,
                YamlSequenceNode list when int.TryParse(part, out var i) && i < list.Children.Count => list.Children[i],
                _ => null,
            };
        }

        return node;
    }

    public static string? Text(YamlNode? node, string key) => (key.Contains('.', StringComparison.Ordinal) ? At(node, key) : Child<YamlScalarNode>(node, key)) is YamlScalarNode s ? s.Value : null;

    private static RenderedIngress ReadIngress(YamlMappingNode root, string file)
    {
        var metadata = Child<YamlMappingNode>(root, "metadata");
        var annotations = Annotations(metadata);
        var spec = Child<YamlMappingNode>(root, "spec");
        var paths = new List<RenderedPath>();
        var hosts = (Child<YamlSequenceNode>(spec, "rules")?.Children ?? []).OfType<YamlMappingNode>().Select(r => Text(r, "host")).OfType<string>().ToList();
        var tls = (Child<YamlSequenceNode>(spec, "tls")?.Children ?? []).OfType<YamlMappingNode>()
            .Select(t => ((IReadOnlyList<string>)(Child<YamlSequenceNode>(t, "hosts")?.Children ?? []).OfType<YamlScalarNode>().Select(h => h.Value ?? string.Empty).ToList(), Text(t, "secretName")))
            .ToList();
        foreach (var rule in (Child<YamlSequenceNode>(spec, "rules")?.Children ?? []).OfType<YamlMappingNode>())
        {
            foreach (var path in (Child<YamlSequenceNode>(Child<YamlMappingNode>(rule, "http"), "paths")?.Children ?? []).OfType<YamlMappingNode>())
            {
                var service = Child<YamlMappingNode>(Child<YamlMappingNode>(path, "backend"), "service");
                paths.Add(new RenderedPath(Text(path, "path") ?? "/", Text(service, "name") ?? string.Empty,
                    Text(service, "port.number") ?? Text(service, "port.name") ?? string.Empty));
            }
        }

        return new RenderedIngress(file, Text(metadata, "namespace") ?? "default", Text(metadata, "name") ?? string.Empty, Text(spec, "ingressClassName"), annotations, paths)
        {
            Hosts = hosts,
            Tls = tls,
        };
    }

    private static Dictionary<string, string> Annotations(YamlMappingNode? metadata) =>
        (Child<YamlMappingNode>(metadata, "annotations")?.Children.AsEnumerable() ?? [])
            .Where(e => e.Key is YamlScalarNode && e.Value is YamlScalarNode)
            .ToDictionary(e => ((YamlScalarNode)e.Key).Value ?? string.Empty, e => ((YamlScalarNode)e.Value).Value ?? string.Empty, StringComparer.Ordinal);
}
