using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Ingress;

/// <summary>
/// Ingresses served by Traefik on the websecure entry point with TLS, each with three <c>traefik.io/v1alpha1</c>
/// Middlewares of its own in its namespace, attached by <c>traefik.ingress.kubernetes.io/router.middlewares</c>
/// (<c>&lt;namespace&gt;-&lt;name&gt;@kubernetescrd</c>) and passed in this order: rateLimit (a token bucket of the
/// declared rate per second with the burst as its size, 429), inFlightReq (the declared connections in flight, 429) and
/// buffering (bodies up to the declared size, 413). Every limit groups requests by client address:
/// <c>sourceCriterion.ipStrategy</c> with neither depth nor excluded IPs is the remote address, which the chart's
/// <c>externalTrafficPolicy: Local</c> keeps (inFlightReq would otherwise group by request host). Middlewares are
/// custom resources, emitted as one-object ConfigGroups because Pulumi YAML refuses
/// <c>kubernetes:apiextensions.k8s.io:CustomResource</c>. A Traefik the platform team runs needs its Kubernetes CRD
/// provider on for the Middlewares to apply.
/// </summary>
public sealed record TraefikIngressStyle(string ClassName = TraefikController.ClassName) : IngressStyle(ClassName)
{
    public const string Prefix = "traefik.ingress.kubernetes.io/";
    public const string ApiVersion = "traefik.io/v1alpha1";
    public const string Kind = "Middleware";
    public const string RateLimit = "rate-limit";
    public const string InFlightLimit = "in-flight-limit";
    public const string BodyLimit = "body-limit";

    /// <summary>The Middlewares of an Ingress, in the order a request passes them.</summary>
    public static IReadOnlyList<string> MiddlewareSuffixes { get; } = [RateLimit, InFlightLimit, BodyLimit];

    public static string MiddlewareName(string ingress, string suffix) => $"{ingress}-{suffix}";

    public override IngressEdge Edge(IngressSite site)
    {
        var options = new ResourceOptions { Provider = site.KubernetesProvider, DependsOn = site.DependsOn };
        var labels = Labels.Of((WellKnownLabels.PartOf, site.AppName), (WellKnownLabels.ManagedBy, "palisade"));
        var middlewares = MiddlewareSuffixes
            .Select(suffix => KubernetesObjectGroup.Add(site.Graph, site.Parent, $"{site.Stem}-{site.Namespace}-{suffix}", ApiVersion, Kind,
                KubernetesProperties.Metadata(MiddlewareName(site.Name, suffix), site.NamespaceRef, labels), Spec(suffix, site.Limits), options))
            .ToList();
        var annotations = new SortedDictionary<string, Value>(StringComparer.Ordinal)
        {
            [$"{Prefix}router.entrypoints"] = TraefikController.SecureEntryPoint,
            [$"{Prefix}router.tls"] = "true",
            [$"{Prefix}router.middlewares"] = string.Join(",",
                MiddlewareSuffixes.Select(s => $"{site.Namespace}-{MiddlewareName(site.Name, s)}@kubernetescrd")),
        };
        return new IngressEdge(annotations, middlewares);
    }

    private static MapValue Spec(string suffix, EdgeLimits limits) => suffix switch
    {
        RateLimit => new MapBuilder
        {
            {
                "rateLimit", new MapBuilder
                {
                    { "average", limits.RequestsPerSecond },
                    { "period", "1s" },
                    { "burst", limits.Burst },
                    { "sourceCriterion", ClientAddress() },
                }.Build()
            },
        }.Build(),
        InFlightLimit => new MapBuilder
        {
            { "inFlightReq", new MapBuilder { { "amount", limits.Connections }, { "sourceCriterion", ClientAddress() } }.Build() },
        }.Build(),
        BodyLimit => new MapBuilder
        {
            { "buffering", new MapBuilder { { "maxRequestBodyBytes", limits.BodyBytes } }.Build() },
        }.Build(),
        _ => throw new ArgumentOutOfRangeException(nameof(suffix), suffix, null),
    };

    private static MapValue ClientAddress() => new MapBuilder { { "ipStrategy", MapValue.Empty } }.Build();
}
