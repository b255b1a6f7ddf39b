using Palisade.Components.Graph;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Ingress;

/// <summary>
/// An ALB from the AWS Load Balancer Controller (cloud-wiring.md §5.1.4): target type ip, HTTPS on 443 with HTTP
/// redirected. What every Ingress of the group must share — scheme, subnets, group, certificate, TLS policy and WAF
/// ACL — is pinned in the class's IngressClassParams (<see cref="AlbIngressClass"/>), so no Ingress can change it; the
/// health-check path is per backend, on each tier's Service (<see cref="ServiceAnnotations"/>).
/// </summary>
internal sealed record AlbIngressStyle(string ClassName) : IngressStyle(ClassName)
{
    public const string Prefix = "alb.ingress.kubernetes.io/";
    public const string HealthCheckPathAnnotation = Prefix + "healthcheck-path";

    public override IngressEdge Edge(IngressSite site) => IngressEdge.Of(new SortedDictionary<string, Value>(StringComparer.Ordinal)
    {
        [$"{Prefix}target-type"] = "ip",
        [$"{Prefix}listen-ports"] = """[{"HTTP": 80}, {"HTTPS": 443}]""",
        [$"{Prefix}ssl-redirect"] = "443",
    });

    /// <summary>
    /// The health-check path of a routed tier's target group: on its Service, which takes priority over the Ingress
    /// and applies to that backend only (an Ingress annotation would apply to every target group it creates).
    /// </summary>
    public static IReadOnlyDictionary<string, Value>? ServiceAnnotations(AppSpec app, TierSpec tier) =>
        tier.HealthPath is { } path && app.Ingress?.Routes.Any(r => r.Tier == tier.Name) == true
            ? new SortedDictionary<string, Value>(StringComparer.Ordinal) { [HealthCheckPathAnnotation] = path }
            : null;
}
