using System.Net.Sockets;
using System.Text.RegularExpressions;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>
/// An internet-facing ALB from the AWS Load Balancer Controller (EKS only), HTTPS with a WAF rate-based rule. With
/// target type ip the ALB reaches pods from its ENIs in the VPC, so exposed tiers admit the VPC CIDR.
/// </summary>
public sealed partial record AlbIngress(
    Configured Domain,
    Configured CertificateArn,
    Configured SslPolicy,
    long WafRateLimit,
    Configured VpcId,
    string VpcCidr) : IngressTarget(Domain)
{
    public const string KindName = "alb";
    public const string DefaultSslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";
    public const long DefaultWafRateLimit = 2000;
    public const long MinWafRateLimit = 100;
    public const long MaxWafRateLimit = 2_000_000_000;

    public static IngressKind Kind { get; } = new(KindName, cloud => cloud is EksCloud,
        "The ALB comes from the AWS Load Balancer Controller on EKS: set palisade:cloud to aws, or use palisade:ingress nginx.", Read);

    public override string Name => KindName;

    public override IReadOnlyList<string> LoadBalancerCidrs => [VpcCidr];

    [GeneratedRegex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[A-Za-z0-9-]+$")]
    private static partial Regex CertificateArnPattern();

    [GeneratedRegex("^vpc-[0-9a-f]{8}([0-9a-f]{9})?$")]
    private static partial Regex VpcIdPattern();

    private static IngressTarget Read(SettingsReader reader, CloudTarget cloud, Configured domain)
    {
        var certificate = reader.Referenced(ConfigSchema.CertificateArn) ?? throw reader.Error(ConfigSchema.CertificateArn,
            "the required key is missing", $"Add it under config: the ALB serves HTTPS on 443 and redirects HTTP to it. {ConfigSchema.CertificateArn.Description}");
        if (certificate.Known && !CertificateArnPattern().IsMatch(certificate.Text))
        {
            throw reader.Error(ConfigSchema.CertificateArn, $"'{SettingsReader.Excerpt(certificate.Text)}' is not an ACM certificate ARN",
                "Write it as arn:aws:acm:<region>:<account>:certificate/<id>.");
        }

        var sslPolicy = reader.Referenced(ConfigSchema.SslPolicy, DefaultSslPolicy);
        if (sslPolicy.Known && !sslPolicy.Text.StartsWith("ELBSecurityPolicy-", StringComparison.Ordinal))
        {
            throw reader.Error(ConfigSchema.SslPolicy, $"'{SettingsReader.Excerpt(sslPolicy.Text)}' is not an ELB security policy name",
                $"Use a policy such as {DefaultSslPolicy}.");
        }

        var rate = reader.Integer(ConfigSchema.WafRateLimit, DefaultWafRateLimit, MinWafRateLimit, MaxWafRateLimit,
            $"requests per 5 minutes per client IP (pulumi-aws rejects limits below {MinWafRateLimit})");

        var vpcId = reader.Referenced(ConfigSchema.VpcId) ?? throw reader.Error(ConfigSchema.VpcId, "the required key is missing",
            "Add it under config: the AWS Load Balancer Controller needs the VPC id (vpc-...).");
        if (vpcId.Known && !VpcIdPattern().IsMatch(vpcId.Text))
        {
            throw reader.Error(ConfigSchema.VpcId, $"'{SettingsReader.Excerpt(vpcId.Text)}' is not a VPC id", "Write it as vpc- and 8 or 17 hex digits.");
        }

        var vpcCidr = reader.Required(ConfigSchema.VpcCidr,
            "the ALB reaches pod IPs from the VPC (target type ip), so the exposed tiers admit the VPC CIDR");
        var network = reader.Cidr(ConfigSchema.VpcCidr, vpcCidr, AddressFamily.InterNetwork, "a VPC's primary CIDR is IPv4");
        if (network.PrefixLength is < 16 or > 28)
        {
            throw reader.Error(ConfigSchema.VpcCidr, $"'{vpcCidr}' cannot be a VPC CIDR",
                "An AWS VPC's CIDR is a /16 to /28 block (exposed tiers admit it, so it must be the VPC's own range).");
        }

        return new AlbIngress(domain, certificate, sslPolicy, rate, vpcId, vpcCidr);
    }
}
