using Palisade.Components.Ingress;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>
/// The maintained F5 NGINX Ingress Controller in <see cref="Namespace"/>: installed by the stack when it creates its
/// cluster (behind a load balancer that keeps client addresses: on EKS an NLB with <c>externalTrafficPolicy: Local</c>,
/// on GKE the passthrough Network Load Balancer with the same policy), assumed installed with the chart's labels on
/// an existing cluster.
/// </summary>
internal sealed partial record NginxIngress(Configured Domain, string Namespace, bool Installs, IReadOnlyDictionary<string, string> ServiceAnnotations)
    : IngressTarget(Domain)
{
    public const string KindName = "nginx";
    public const string DefaultNamespace = "nginx-ingress";

    /// <summary>
    /// Without the AWS Load Balancer Controller a LoadBalancer Service gets a Classic ELB, a proxy that hides client
    /// addresses; the in-tree controller makes an NLB for this annotation, which with <c>externalTrafficPolicy: Local</c>
    /// keeps them.
    /// </summary>
    public static IReadOnlyDictionary<string, string> EksNlb { get; } = new Dictionary<string, string>
    {
        ["service.beta.kubernetes.io/aws-load-balancer-type"] = "nlb",
    };

    public static EdgeSupport Support { get; } = new(new Dictionary<EdgeLimit, string>
    {
        [EdgeLimit.RequestsPerSecond] = "`nginx.org/limit-req-rate` keyed by `nginx.org/limit-req-key: ${binary_remote_addr}` (the client address)",
        [EdgeLimit.Burst] = "`nginx.org/limit-req-burst` with `limit-req-no-delay`",
        [EdgeLimit.BodySize] = "`nginx.org/client-max-body-size` (413 above it)",
        [EdgeLimit.LimitedStatus] = "`nginx.org/limit-req-reject-code`",
    });

    public static IngressKind Kind { get; } = new(KindName, _ => true, "The F5 NGINX Ingress Controller runs on every cloud.", Read, Support)
    {
        External = new ExternalController(Support, className => new NginxOrgStyle(className)),
    };

    public override string Name => KindName;

    public override bool InstallsController => Installs;

    public override bool TlsFromSecret => true;

    public override EdgeSupport Edge => Support;

    public override string ControllerWorkload => "nginx-ingress-controller";

    public override PlatformPeer Controller => new(Namespace, F5NginxIngressController.PodLabels);

    private static IngressTarget Read(SettingsReader reader, CloudTarget cloud, Configured domain) =>
        new NginxIngress(domain, reader.Namespace(ConfigSchema.IngressNamespace) ?? DefaultNamespace, cloud.CreatesCluster,
            cloud is EksCloud ? EksNlb : new Dictionary<string, string>());
}
