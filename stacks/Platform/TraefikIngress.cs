using Palisade.Components.Ingress;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>
/// Traefik Proxy, installed by the stack from its Helm chart into <see cref="Namespace"/> (which the stack then owns;
/// apps never run there). Its pods carry the chart's labels for the release in that namespace, and exactly those pods
/// are admitted to exposed tiers. Every edge limit is a Middleware of the route's Ingress.
/// </summary>
internal sealed partial record TraefikIngress(Configured Domain, string Namespace) : IngressTarget(Domain)
{
    public const string KindName = "traefik";
    public const string DefaultNamespace = "traefik-system";

    public static EdgeSupport Support { get; } = new(new Dictionary<EdgeLimit, string>
    {
        [EdgeLimit.RequestsPerSecond] = "Middleware `rateLimit.average` per `period: 1s`, by client address (`sourceCriterion.ipStrategy`)",
        [EdgeLimit.Burst] = "`rateLimit.burst` (the token bucket's size)",
        [EdgeLimit.Connections] = "Middleware `inFlightReq.amount`, by client address (`sourceCriterion.ipStrategy`)",
        [EdgeLimit.BodySize] = "Middleware `buffering.maxRequestBodyBytes` (413 above it)",
        [EdgeLimit.LimitedStatus] = "429, the status rateLimit and inFlightReq answer with",
    }, Refuses);

    public static IngressKind Kind { get; } = new(KindName, cloud => cloud.CreatesCluster,
        "The stack installs Traefik into the clusters it creates (aws, gcp); on an existing cluster name the platform team's Traefik with palisade:ingress external.",
        Read, Support)
    {
        External = new ExternalController(Support, className => new TraefikIngressStyle(className)),
    };

    public override string Name => KindName;

    public override EdgeSupport Edge => Support;

    public override string ControllerWorkload => "traefik";

    public override bool InstallsController => true;

    /// <summary>The chart's web and websecure entry points (values.yaml ports.web.port, ports.websecure.port).</summary>
    public override IReadOnlyList<ContainerPort> ControllerPorts =>
        [new ContainerPort(TraefikController.WebPort, Name: TraefikController.WebEntryPoint), new ContainerPort(TraefikController.SecurePort, Name: TraefikController.SecureEntryPoint)];

    public override PlatformPeer Controller => new(Namespace, TraefikController.PodLabels(Namespace));

    private static string? Refuses(EdgeLimits limits, EdgeLimit limit) => limit switch
    {
        EdgeLimit.LimitedStatus when limits.LimitedStatus != 429 =>
            "Traefik's rateLimit and inFlightReq middlewares always answer 429 Too Many Requests",
        _ => null,
    };

    private static IngressTarget Read(SettingsReader reader, CloudTarget cloud, Configured domain) =>
        new TraefikIngress(domain, reader.Namespace(ConfigSchema.IngressNamespace) ?? DefaultNamespace);
}
