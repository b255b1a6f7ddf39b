using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Ingress;

/// <summary>The controller-specific part of an Ingress: its class and annotations.</summary>
public abstract record IngressStyle(string ClassName)
{
    public abstract IReadOnlyDictionary<string, Value> Annotations(AppIngressSpec ingress);

    /// <summary>The annotations of an app's Ingress in one namespace (the same for every namespace unless a kind refers to per-namespace objects).</summary>
    public virtual IReadOnlyDictionary<string, Value> Annotations(AppIngressSpec ingress, string app, string @namespace) => Annotations(ingress);

    /// <summary>Objects an app's Ingress in one namespace needs besides itself (Traefik's Middlewares); the Ingress depends on them.</summary>
    public virtual IReadOnlyList<Resource> Companions(ResourceGraph graph, Component parent, string app, string @namespace, Value namespaceRef,
        ResourceOptions options) => [];
}

/// <summary>ingress-nginx with per-client-IP limits (cloud-wiring.md §5.2); annotation values are strings.</summary>
public sealed record NginxIngressStyle(int RequestsPerSecond, int Connections, string BodySize) : IngressStyle(NginxIngressController.ClassName)
{
    public const string Prefix = "nginx.ingress.kubernetes.io/";

    public override IReadOnlyDictionary<string, Value> Annotations(AppIngressSpec ingress) => new SortedDictionary<string, Value>(StringComparer.Ordinal)
    {
        [$"{Prefix}limit-rps"] = RequestsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"{Prefix}limit-connections"] = Connections.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"{Prefix}proxy-body-size"] = BodySize,
    };
}

/// <summary>
/// An ALB from the AWS Load Balancer Controller (cloud-wiring.md §5.1.4): internet-facing, target type ip, HTTPS on
/// 443 with HTTP redirected, certificate and TLS policy from config, the app's health-check path, the WAF ACL, and one
/// shared ALB per stack through the group name.
/// </summary>
public sealed record AlbIngressStyle(string GroupName, Value CertificateArn, Value SslPolicy, Value WebAclArn, IReadOnlyList<string> Subnets)
    : IngressStyle(AlbController.ClassName)
{
    public const string Prefix = "alb.ingress.kubernetes.io/";

    public override IReadOnlyDictionary<string, Value> Annotations(AppIngressSpec ingress) => new SortedDictionary<string, Value>(StringComparer.Ordinal)
    {
        [$"{Prefix}scheme"] = "internet-facing",
        [$"{Prefix}target-type"] = "ip",
        [$"{Prefix}listen-ports"] = """[{"HTTP": 80}, {"HTTPS": 443}]""",
        [$"{Prefix}ssl-redirect"] = "443",
        [$"{Prefix}certificate-arn"] = CertificateArn,
        [$"{Prefix}ssl-policy"] = SslPolicy,
        [$"{Prefix}healthcheck-path"] = ingress.HealthCheckPath,
        [$"{Prefix}wafv2-acl-arn"] = WebAclArn,
        [$"{Prefix}group.name"] = GroupName,
        [$"{Prefix}subnets"] = string.Join(",", Subnets),
    };
}

/// <summary>
/// An app's Ingresses: one per namespace that holds routed tiers (an Ingress reaches only Services in its own
/// namespace), each with the app's host and the routes to that namespace's tiers, longest path first.
/// </summary>
public static class AppIngress
{
    /// <summary>The app layer deploys networking, not workloads, so Pulumi does not wait for endpoints behind the Ingress.</summary>
    public const string SkipAwaitAnnotation = "pulumi.com/skipAwait";

    public static IReadOnlyList<Resource> Create(ResourceGraph graph, TieredApp app, IngressStyle style, Value domain,
        Resource kubernetesProvider, IReadOnlyList<Resource> dependsOn)
    {
        var spec = app.App.Ingress ?? throw new InvalidOperationException($"App '{app.App.Name}' declares no ingress.");
        Value host = domain is StringValue plain ? $"{spec.HostLabel}.{plain.Text}" : Interpolation.Of($"{spec.HostLabel}.", domain);
        var resources = new List<Resource>();
        foreach (var group in spec.Routes.GroupBy(r => app.App.Tier(r.Tier).Namespace).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ns = group.Key;
            var companions = style.Companions(graph, app.Component, app.App.Name, ns, app.NamespaceRef(ns),
                new ResourceOptions { Provider = kubernetesProvider, DependsOn = dependsOn });
            var annotations = new SortedDictionary<string, Value>(style.Annotations(spec, app.App.Name, ns).ToDictionary(), StringComparer.Ordinal)
            {
                [SkipAwaitAnnotation] = "true",
            };
            var paths = group
                .OrderByDescending(r => r.Path.Length).ThenBy(r => r.Path, StringComparer.Ordinal)
                .Select(r => (Value)new MapBuilder
                {
                    { "path", r.Path },
                    { "pathType", "Prefix" },
                    {
                        "backend", new MapBuilder
                        {
                            {
                                "service", new MapBuilder
                                {
                                    { "name", app.Services[r.Tier].Output("metadata.name", r.Tier) },
                                    {
                                        "port", new MapBuilder
                                        {
                                            { "number", TieredApp.ExposedContainerPort(app.App.Tier(r.Tier)).Port },
                                        }.Build()
                                    },
                                }.Build()
                            },
                        }.Build()
                    },
                }.Build());
            resources.Add(graph.AddResource(app.Component, KubernetesTypes.Ingress, $"{app.App.Name}-{ns}-ingress", new MapBuilder
            {
                {
                    "metadata", KubernetesProperties.Metadata(app.App.Name, app.NamespaceRef(ns),
                        Labels.Of((WellKnownLabels.PartOf, app.App.Name), (WellKnownLabels.ManagedBy, "palisade")), annotations)
                },
                {
                    "spec", new MapBuilder
                    {
                        { "ingressClassName", style.ClassName },
                        {
                            "rules", ListValue.Of(new MapBuilder
                            {
                                { "host", host },
                                { "http", new MapBuilder { { "paths", ListValue.Of(paths) } }.Build() },
                            }.Build())
                        },
                    }.Build()
                },
            }, new ResourceOptions { Provider = kubernetesProvider, DependsOn = [.. dependsOn, .. companions] }));
        }

        return resources;
    }
}
