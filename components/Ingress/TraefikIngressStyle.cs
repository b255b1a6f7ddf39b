using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Ingress;

/// <summary>
/// Per-client limits Traefik enforces through Middlewares: a token bucket of <see cref="RequestsPerSecond"/> with
/// <see cref="Burst"/> (rateLimit, 429), at most <see cref="Connections"/> requests in flight (inFlightReq, 429), and
/// request bodies up to <see cref="BodyBytes"/> (buffering, 413).
/// </summary>
public sealed record TraefikLimits(int RequestsPerSecond, int Burst, int Connections, long BodyBytes);

/// <summary>
/// Ingresses served by Traefik on the websecure entry point with TLS, and per app and namespace three
/// <c>traefik.io/v1alpha1</c> Middlewares attached by <c>traefik.ingress.kubernetes.io/router.middlewares</c>
/// (<c>&lt;namespace&gt;-&lt;name&gt;@kubernetescrd</c>). Every limit groups requests by the client address
/// (<c>sourceCriterion.ipStrategy</c> without depth or excluded IPs is the remote address; inFlightReq would otherwise
/// group by request host). The Middlewares are custom resources, emitted as one-object ConfigGroups because Pulumi
/// YAML refuses <c>kubernetes:apiextensions.k8s.io:CustomResource</c>.
/// </summary>
public sealed record TraefikIngressStyle(TraefikLimits Limits) : IngressStyle(TraefikController.ClassName)
{
    public const string Prefix = "traefik.ingress.kubernetes.io/";
    public const string ApiVersion = "traefik.io/v1alpha1";
    public const string Kind = "Middleware";

    /// <summary>The Middlewares of an app, in the order a request passes them.</summary>
    public static IReadOnlyList<string> MiddlewareSuffixes { get; } = ["rate-limit", "in-flight-limit", "body-limit"];

    public static string MiddlewareName(string app, string suffix) => $"{app}-{suffix}";

    public override IReadOnlyDictionary<string, Value> Annotations(AppIngressSpec ingress) => new SortedDictionary<string, Value>(StringComparer.Ordinal)
    {
        [$"{Prefix}router.entrypoints"] = TraefikController.SecureEntryPoint,
        [$"{Prefix}router.tls"] = "true",
    };

    public override IReadOnlyDictionary<string, Value> Annotations(AppIngressSpec ingress, string app, string @namespace) =>
        new SortedDictionary<string, Value>(Annotations(ingress).ToDictionary(), StringComparer.Ordinal)
        {
            [$"{Prefix}router.middlewares"] = string.Join(",", MiddlewareSuffixes.Select(s => $"{@namespace}-{MiddlewareName(app, s)}@kubernetescrd")),
        };

    public override IReadOnlyList<Resource> Companions(ResourceGraph graph, Component parent, string app, string @namespace, Value namespaceRef,
        ResourceOptions options) =>
        MiddlewareSuffixes.Select(suffix => KubernetesObjectGroup.Add(graph, parent, $"{app}-{@namespace}-{suffix}", ApiVersion, Kind,
            KubernetesProperties.Metadata(MiddlewareName(app, suffix), namespaceRef,
                Labels.Of((WellKnownLabels.PartOf, app), (WellKnownLabels.ManagedBy, "palisade"))),
            Spec(suffix), options)).ToList();

    private MapValue Spec(string suffix) => suffix switch
    {
        "rate-limit" => new MapBuilder
        {
            {
                "rateLimit", new MapBuilder
                {
                    { "average", Limits.RequestsPerSecond },
                    { "period", "1s" },
                    { "burst", Limits.Burst },
                    { "sourceCriterion", ClientAddress() },
                }.Build()
            },
        }.Build(),
        "in-flight-limit" => new MapBuilder
        {
            { "inFlightReq", new MapBuilder { { "amount", Limits.Connections }, { "sourceCriterion", ClientAddress() } }.Build() },
        }.Build(),
        "body-limit" => new MapBuilder
        {
            { "buffering", new MapBuilder { { "maxRequestBodyBytes", Limits.BodyBytes } }.Build() },
        }.Build(),
        _ => throw new ArgumentOutOfRangeException(nameof(suffix), suffix, null),
    };

    private static MapValue ClientAddress() => new MapBuilder { { "ipStrategy", MapValue.Empty } }.Build();

}
