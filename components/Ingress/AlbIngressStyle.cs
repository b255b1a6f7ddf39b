using Palisade.Components.Graph;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Ingress;

/// <summary>
/// An ALB from the AWS Load Balancer Controller (cloud-wiring.md §5.1.4): internet-facing, target type ip, HTTPS on
/// 443 with HTTP redirected, certificate and TLS policy from config, the app's health-check path, the WAF ACL, and one
/// shared ALB per stack through the group name.
/// </summary>
public sealed record AlbIngressStyle(string GroupName, Value CertificateArn, Value SslPolicy, Value WebAclArn, IReadOnlyList<string> Subnets)
    : IngressStyle(AlbController.ClassName)
{
    public const string Prefix = "alb.ingress.kubernetes.io/";

    public override IngressEdge Edge(IngressSite site) => IngressEdge.Of(Annotations(site.Ingress));

    private IReadOnlyDictionary<string, Value> Annotations(AppIngressSpec ingress) => new SortedDictionary<string, Value>(StringComparer.Ordinal)
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
