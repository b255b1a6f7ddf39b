using Palisade.Components.Ingress;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>
/// Traefik Proxy, installed by the stack from its Helm chart into <see cref="Namespace"/> (which the stack then owns;
/// apps never run there). Its pods carry the chart's labels for the release in that namespace, and exactly those pods
/// are admitted to exposed tiers.
/// </summary>
public sealed partial record TraefikIngress(Configured Domain, string Namespace, TraefikLimits Limits) : IngressTarget(Domain)
{
    public const string KindName = "traefik";
    public const string DefaultNamespace = "traefik-system";

    /// <summary>ingress-nginx's default burst multiplier (limit-burst-multiplier 5), so a kind change keeps the burst.</summary>
    public const int BurstMultiplier = 5;

    public static IngressKind Kind { get; } = new(KindName, cloud => cloud.CreatesCluster,
        "The stack installs Traefik into the clusters it creates (aws, gcp); on an existing cluster name the platform team's Traefik with palisade:ingress external.", Read);

    public override string Name => KindName;

    public override string ControllerWorkload => "traefik";

    public override PlatformPeer Controller => new(Namespace, TraefikController.PodLabels(Namespace));

    private static IngressTarget Read(SettingsReader reader, CloudTarget cloud, Configured domain)
    {
        var ns = reader.Namespace(ConfigSchema.IngressNamespace) ?? DefaultNamespace;
        var limits = new TraefikLimits(
            NginxLimits.DefaultRequestsPerSecond,
            NginxLimits.DefaultRequestsPerSecond * BurstMultiplier,
            NginxLimits.DefaultConnections,
            10L * 1024 * 1024);
        return new TraefikIngress(domain, ns, limits);
    }
}
