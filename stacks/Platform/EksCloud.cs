using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>An EKS cluster the stack creates in existing private subnets, with VPC CNI NetworkPolicy enforcement.</summary>
public sealed partial record EksCloud(ClusterSettings Settings, string Region, IReadOnlyList<string> SubnetIds, bool PolicyEventLogs) : CloudTarget
{
    public const string KindName = "aws";
    public const string RegionKey = "aws:region";

    public static CloudKind Kind { get; } = new(KindName, Read);

    public override string Name => KindName;

    public override ClusterSettings Cluster => Settings;

    public override string? CannotGrant(CloudIdentitySpec identity) =>
        identity.ForAws ? null : "its identity declares no AWS permissions (it is for GCP only), so on cloud aws it would be a role that can do nothing";

    /// <summary>CoreDNS, or a NodeLocal DNSCache the platform team installs; Cloud DNS is GKE's.</summary>
    public override IReadOnlyList<DnsResolver> Resolvers => [DnsResolver.KubeDns, DnsResolver.NodeLocalDns];

    private static CloudTarget Read(SettingsReader reader)
    {
        var region = ProviderKeys.Required(reader, RegionKey, "the AWS region, e.g. us-east-1");
        var settings = ClusterSettings.Read(reader, "t3.medium", "the EKS public endpoint accepts IPv4 CIDRs only");
        var subnets = reader.List(ConfigSchema.SubnetIds);
        if (subnets.Count < 2)
        {
            throw reader.Error(ConfigSchema.SubnetIds,
                subnets.Count == 0 ? "the key is required on cloud aws" : "EKS needs subnets in at least two availability zones",
                "List at least two existing private subnet ids (subnet-...) in different availability zones.");
        }

        return new EksCloud(settings, region, subnets, reader.Boolean(ConfigSchema.PolicyEventLogs, false));
    }
}
