using Palisade.Components.Ingress;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>
/// The community ingress-nginx controller in <see cref="Namespace"/>, kept for clusters that depend on it: installed
/// by the stack when it creates its cluster, assumed installed on an existing cluster. Its pods carry the chart's
/// labels. Retired upstream (no releases or security fixes since March 2026), so the plan warns; the maintained
/// NGINX controller is <see cref="NginxIngress"/>.
/// </summary>
internal sealed partial record IngressNginx(Configured Domain, string Namespace, bool Installs) : IngressTarget(Domain)
{
    public const string KindName = "ingress-nginx";
    public const string DefaultNamespace = "ingress-nginx";

    public const string RetiredWarning =
        "ingress-nginx (the community controller) is retired upstream: Kubernetes SIG Network ended its maintenance in March 2026, so it gets no releases or security fixes; use palisade:ingress nginx (the maintained F5 NGINX Ingress Controller)";

    public static EdgeSupport Support { get; } = new(new Dictionary<EdgeLimit, string>
    {
        [EdgeLimit.RequestsPerSecond] = "`nginx.ingress.kubernetes.io/limit-rps` (per client address)",
        [EdgeLimit.Burst] = "`limit-burst-multiplier` (burst = rate × multiplier)",
        [EdgeLimit.Connections] = "`limit-connections` (per client address)",
        [EdgeLimit.BodySize] = "`proxy-body-size`",
        [EdgeLimit.LimitedStatus] = "controller config `limit-req-status-code`/`limit-conn-status-code` 429",
    }, Refuses);

    /// <summary>On a controller the stack does not install, the limited status is whatever its config says (the chart's default is 503).</summary>
    public static EdgeSupport SupportUnmanaged { get; } = new(Support.How.Where(h => h.Key != EdgeLimit.LimitedStatus).ToDictionary(), Refuses);

    public static IngressKind Kind { get; } = new(KindName, _ => true, "ingress-nginx runs on every cloud.", Read, Support)
    {
        External = new ExternalController(SupportUnmanaged, className => new IngressNginxStyle(className)),
    };

    public override string Name => KindName;

    public override bool InstallsController => Installs;

    public override bool TlsFromSecret => true;

    public override EdgeSupport Edge => Installs ? Support : SupportUnmanaged;

    public override string Warning => RetiredWarning;

    public override string ControllerWorkload => "ingress-nginx-controller";

    /// <summary>ingress-nginx validates every Ingress (chart default <c>admissionWebhooks.enabled</c>, <c>failurePolicy: Fail</c>, pod port 8443).</summary>
    public const int AdmissionWebhookPort = 8443;

    public override IReadOnlyList<int> AdmissionWebhookPorts => Installs ? [AdmissionWebhookPort] : [];

    public override PlatformPeer Controller => new(Namespace, Labels.Of(
        (WellKnownLabels.AppName, "ingress-nginx"), (WellKnownLabels.AppComponent, "controller")));

    private static string? Refuses(EdgeLimits limits, EdgeLimit limit) => limit switch
    {
        EdgeLimit.Burst when limits.Burst % limits.RequestsPerSecond != 0 =>
            $"ingress-nginx sets the burst as a whole multiple of the rate (limit-burst-multiplier), and {limits.Burst} is not a multiple of {limits.RequestsPerSecond}",
        EdgeLimit.LimitedStatus when limits.LimitedStatus != 429 =>
            "ingress-nginx answers every limited request with the controller-wide status the stack sets, 429",
        _ => null,
    };

    private static IngressTarget Read(SettingsReader reader, CloudTarget cloud, Configured domain) =>
        new IngressNginx(domain, reader.Namespace(ConfigSchema.IngressNamespace) ?? DefaultNamespace, cloud.CreatesCluster);
}
