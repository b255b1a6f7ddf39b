using System.Net.Sockets;
using System.Text.RegularExpressions;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>
/// An internet-facing ALB from the AWS Load Balancer Controller (EKS only), HTTPS with a WAF rate-based rule. With
/// target type ip the ALB reaches pods from its ENIs in its subnets, which the stack pins, so exposed tiers admit
/// exactly those subnets' CIDRs (never the VPC: on VPC CNI that would admit every pod around the ALB and its WAF).
/// </summary>
public sealed partial record AlbIngress(
    Configured Domain,
    Configured CertificateArn,
    Configured SslPolicy,
    Configured VpcId,
    string VpcCidr,
    IReadOnlyList<string> SubnetIds,
    IReadOnlyList<string> SubnetCidrs) : IngressTarget(Domain)
{
    public const string KindName = "alb";
    public const string DefaultSslPolicy = Components.Ingress.AlbIngressClassArgs.DefaultSslPolicy;

    /// <summary>
    /// The WAF counts requests per client address over a window, so a burst within the window's budget is never
    /// refused, and neither the ALB nor the WAF can count a client's connections.
    /// </summary>
    public static EdgeSupport Support { get; } = new(new Dictionary<EdgeLimit, string>
    {
        [EdgeLimit.RequestsPerSecond] = "WAFv2 rate-based rule per client IP (`aggregateKeyType: IP`): rate × `evaluationWindowSec` requests per window",
        [EdgeLimit.BodySize] = "WAFv2 rule blocking a `Content-Length` above the limit with 413 (the WAF inspects only the first 8 KB of an ALB request body, so a body without `Content-Length` is not measured)",
        [EdgeLimit.LimitedStatus] = "the rate-based rule's block `customResponse.responseCode`",
    });

    public static IngressKind Kind { get; } = new(KindName, cloud => cloud is EksCloud,
        "The ALB comes from the AWS Load Balancer Controller on EKS: set palisade:cloud to aws, or use palisade:ingress nginx.", Read, Support);

    public override string Name => KindName;

    public override EdgeSupport Edge => Support;

    /// <summary>The ALB's own subnets, pinned: with target type ip it reaches pods from its ENIs there, and only from there.</summary>
    public override IReadOnlyList<string> LoadBalancerCidrs => SubnetCidrs;

    /// <summary>Each routed tier's health path, on its Service: the controller gives Service annotations priority, per backend.</summary>
    public override IReadOnlyDictionary<string, Palisade.Components.Graph.Value>? TierServiceAnnotations(
        Palisade.Components.ZeroTrust.AppSpec app, Palisade.Components.ZeroTrust.TierSpec tier) =>
        Palisade.Components.Ingress.AlbIngressStyle.ServiceAnnotations(app, tier);

    /// <summary>
    /// The controller's pod readiness gates: with the label, its webhook gives each pod of a target group a readiness
    /// gate that holds a rollout until the ALB reports the new pod healthy.
    /// </summary>
    public const string ReadinessGateLabel = "elbv2.k8s.aws/pod-readiness-gate-inject";

    public override IReadOnlyDictionary<string, string> TargetNamespaceLabels => new Dictionary<string, string> { [ReadinessGateLabel] = "enabled" };

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

        var vpcId = reader.Referenced(ConfigSchema.VpcId) ?? throw reader.Error(ConfigSchema.VpcId, "the required key is missing",
            "Add it under config: the AWS Load Balancer Controller needs the VPC id (vpc-...).");
        if (vpcId.Known && !VpcIdPattern().IsMatch(vpcId.Text))
        {
            throw reader.Error(ConfigSchema.VpcId, $"'{SettingsReader.Excerpt(vpcId.Text)}' is not a VPC id", "Write it as vpc- and 8 or 17 hex digits.");
        }

        var eks = (EksCloud)cloud;
        var vpcCidr = eks.VpcCidr ?? throw reader.Error(ConfigSchema.VpcCidr, "the required key is missing",
            "Add it under config: the ALB's subnets must lie inside the VPC, and the proof places pods in it (VPC CNI).");
        var subnetIds = reader.List(ConfigSchema.AlbSubnetIds);
        var subnetCidrs = reader.List(ConfigSchema.AlbSubnetCidrs);
        if (subnetIds.Count < 2)
        {
            throw reader.Error(ConfigSchema.AlbSubnetIds, subnetIds.Count == 0 ? "the required key is missing" : "an ALB needs subnets in at least two availability zones",
                "List the public subnets the ALB runs in (subnet-...), pinned with alb.ingress.kubernetes.io/subnets; they must not be the node subnets.");
        }

        foreach (var id in subnetIds.Where(eks.SubnetIds.Contains))
        {
            throw reader.Error(ConfigSchema.AlbSubnetIds, $"{id} is also a node subnet (palisade:subnetIds)",
                "Run the ALB in subnets of its own: pods get addresses in the node subnets, and admitting a node subnet would admit those pods around the ALB.");
        }

        if (subnetCidrs.Count != subnetIds.Count)
        {
            throw reader.Error(ConfigSchema.AlbSubnetCidrs, $"{subnetCidrs.Count} CIDRs for {subnetIds.Count} ALB subnets",
                "List the CIDR of each ALB subnet, in the order of palisade:albSubnetIds: exposed tiers admit exactly these.");
        }

        var vpc = System.Net.IPNetwork.Parse(vpcCidr);
        foreach (var cidr in subnetCidrs)
        {
            var network = reader.Cidr(ConfigSchema.AlbSubnetCidrs, cidr, AddressFamily.InterNetwork, "ALB subnets are IPv4");
            if (!vpc.Contains(network.BaseAddress) || network.PrefixLength <= vpc.PrefixLength)
            {
                throw reader.Error(ConfigSchema.AlbSubnetCidrs, $"'{cidr}' is not a subnet inside the VPC {vpcCidr}",
                    "Give each ALB subnet's own CIDR (smaller than the VPC's): admitting the VPC would admit every pod in it on VPC CNI.");
            }

            foreach (var node in eks.NodeCidrs.Select(System.Net.IPNetwork.Parse).Where(n => n.Contains(network.BaseAddress) || network.Contains(n.BaseAddress)))
            {
                throw reader.Error(ConfigSchema.AlbSubnetCidrs, $"'{cidr}' overlaps the node subnet {node} (palisade:nodeCidrs)",
                    "Run the ALB in subnets of its own: exposed tiers admit the ALB subnets, and a node subnet there would admit the nodes and their pods around the ALB.");
            }
        }

        return new AlbIngress(domain, certificate, sslPolicy, vpcId, vpcCidr, subnetIds, subnetCidrs);
    }
}
