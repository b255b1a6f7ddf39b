using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Palisade.Components.Diagnostics;
using Palisade.Components.ZeroTrust;

namespace Palisade.Stacks.Config;

public enum CloudKind
{
    Existing,
    Aws,
    Gcp,
}

public enum IngressKind
{
    None,
    Nginx,
    Alb,
}

public enum GkePolicyEnforcement
{
    DataplaneV2,
    Calico,
}

/// <summary>Node pool sizing shared by EKS node groups and GKE node pools.</summary>
public sealed record NodeSizing(string NodeType, int Min, int Desired, int Max);

/// <summary>ALB settings (ingress alb).</summary>
public sealed record AlbSettings(string CertificateArn, string SslPolicy, long WafRateLimit);

/// <summary>ingress-nginx per-client-IP limits (ingress nginx); defaults as in the GovTech seed.</summary>
public sealed record NginxSettings(int RequestsPerSecond, int Connections, string BodySize);

/// <summary>
/// The cloud, cluster and ingress settings of a stack, read from <see cref="StackConfig"/> and checked across keys
/// (which keys each cloud needs, which ingress each cloud offers, ranges). Every error names the file and key.
/// </summary>
public sealed partial record PlatformSettings(
    CloudKind Cloud,
    IngressKind Ingress,
    string ClusterName,
    string KubernetesVersion,
    string? Region,
    string? GcpProject,
    string? VpcId,
    string? VpcCidr,
    IReadOnlyList<string> SubnetIds,
    string? Network,
    string? Subnetwork,
    NodeSizing Nodes,
    IReadOnlyList<string> ApiAccessCidrs,
    bool PrivateNodes,
    string? MasterCidr,
    bool PolicyEventLogs,
    GkePolicyEnforcement GkeEnforcement,
    bool DeletionProtection,
    string? Domain,
    AlbSettings? Alb,
    NginxSettings? Nginx)
{
    public const string DefaultKubernetesVersion = "1.33";
    public const string DefaultSslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";
    public const long DefaultWafRateLimit = 2000;
    public const long MinWafRateLimit = 100;
    public const long MaxWafRateLimit = 2_000_000_000;
    public const int DefaultNginxRps = 100;
    public const int DefaultNginxConnections = 20;
    public const string DefaultNginxBodySize = "10m";
    public const int MaxNginxLimit = 10_000;

    public const string AwsRegionKey = "aws:region";
    public const string GcpProjectKey = "gcp:project";
    public const string GcpRegionKey = "gcp:region";

    [GeneratedRegex("^[0-9]+[km]?$")]
    private static partial Regex BodySizePattern();

    [GeneratedRegex(@"^1\.[0-9]{2}$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex ClusterNamePattern();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[A-Za-z0-9-]+$")]
    private static partial Regex CertificateArnPattern();

    public bool CreatesCluster => Cloud != CloudKind.Existing;

    public static PlatformSettings From(StackConfig config)
    {
        var cloud = config.String(ConfigSchema.Cloud) switch
        {
            null or "existing" => CloudKind.Existing,
            "aws" => CloudKind.Aws,
            "gcp" => CloudKind.Gcp,
            var other => throw config.Error(ConfigSchema.Cloud, $"unknown cloud '{other}'", "Use aws, gcp or existing."),
        };

        var ingress = config.String(ConfigSchema.Ingress) switch
        {
            null => cloud == CloudKind.Existing ? IngressKind.None : IngressKind.Nginx,
            "nginx" => IngressKind.Nginx,
            "alb" => IngressKind.Alb,
            var other => throw config.Error(ConfigSchema.Ingress, $"unknown ingress '{other}'", "Use nginx or alb (alb only with palisade:cloud aws)."),
        };
        if (ingress == IngressKind.Alb && cloud != CloudKind.Aws)
        {
            throw config.Error(ConfigSchema.Ingress, $"ingress alb is not available on cloud {Name(cloud)}",
                "The ALB comes from the AWS Load Balancer Controller on EKS: set palisade:cloud to aws, or use palisade:ingress nginx.");
        }

        if (cloud != CloudKind.Existing)
        {
            foreach (var key in new[] { ConfigSchema.KubeContext, ConfigSchema.Kubeconfig })
            {
                if (config.Has(key))
                {
                    throw config.Error(key, $"the key is only used with palisade:cloud existing, but the stack creates its cluster on {Name(cloud)}",
                        "Remove it: the Kubernetes provider is built from the new cluster's outputs.");
                }
            }
        }

        RequireOnly(config, cloud, CloudKind.Aws, ConfigSchema.VpcId, ConfigSchema.VpcCidr, ConfigSchema.SubnetIds, ConfigSchema.PolicyEventLogs);
        RequireOnly(config, cloud, CloudKind.Gcp, ConfigSchema.Network, ConfigSchema.Subnetwork, ConfigSchema.PrivateNodes,
            ConfigSchema.MasterCidr, ConfigSchema.GkeNetworkPolicy);
        if (cloud == CloudKind.Existing)
        {
            foreach (var key in new[]
                     {
                         ConfigSchema.ClusterName, ConfigSchema.KubernetesVersion, ConfigSchema.NodeType, ConfigSchema.NodeMinSize,
                         ConfigSchema.NodeDesiredSize, ConfigSchema.NodeMaxSize, ConfigSchema.ApiAccessCidrs, ConfigSchema.DeletionProtection,
                     })
            {
                if (config.Has(key))
                {
                    throw config.Error(key, "the key configures a cluster the stack creates, but palisade:cloud is existing",
                        "Set palisade:cloud to aws or gcp, or remove the key.");
                }
            }
        }

        string? region = null;
        string? project = null;
        switch (cloud)
        {
            case CloudKind.Aws:
                region = ProviderKey(config, AwsRegionKey, "the AWS region, e.g. us-east-1");
                break;
            case CloudKind.Gcp:
                project = ProviderKey(config, GcpProjectKey, "the GCP project id");
                region = ProviderKey(config, GcpRegionKey, "the GCP region, e.g. europe-west1");
                break;
        }

        var clusterName = config.String(ConfigSchema.ClusterName) ?? $"palisade-{config.Stack}";
        if (cloud != CloudKind.Existing && (clusterName.Length > 40 || !ClusterNamePattern().IsMatch(clusterName)))
        {
            throw config.Error(ConfigSchema.ClusterName, $"'{clusterName}' is not a valid cluster name",
                "Use at most 40 lowercase letters, digits and '-', starting with a letter (set palisade:clusterName).");
        }

        var version = config.String(ConfigSchema.KubernetesVersion) ?? DefaultKubernetesVersion;
        if (!VersionPattern().IsMatch(version) || int.Parse(version[2..], CultureInfo.InvariantCulture) < 25)
        {
            throw config.Error(ConfigSchema.KubernetesVersion, $"'{version}' is not a supported Kubernetes minor version",
                "Write it as 1.<minor>, at least 1.25 (NetworkPolicy enforcement by the VPC CNI needs 1.25 or later), e.g. 1.33.");
        }

        var subnetIds = config.StringList(ConfigSchema.SubnetIds);
        var vpcCidr = config.String(ConfigSchema.VpcCidr);
        if (cloud == CloudKind.Aws)
        {
            if (subnetIds.Count < 2)
            {
                throw config.Error(ConfigSchema.SubnetIds, subnetIds.Count == 0 ? "the key is required on cloud aws" : "EKS needs subnets in at least two availability zones",
                    "List at least two existing private subnet ids (subnet-...) in different availability zones.");
            }

            if (ingress == IngressKind.Alb)
            {
                Require(config, ConfigSchema.VpcId, "the AWS Load Balancer Controller needs the VPC id (vpc-...)");
                Require(config, ConfigSchema.VpcCidr, "the ALB reaches pod IPs from the VPC (target type ip), so the exposed tiers admit the VPC CIDR");
            }
        }

        if (vpcCidr is not null)
        {
            Cidr(config, ConfigSchema.VpcCidr, vpcCidr);
        }

        var apiCidrs = config.StringList(ConfigSchema.ApiAccessCidrs);
        if (cloud != CloudKind.Existing)
        {
            if (apiCidrs.Count == 0)
            {
                throw config.Error(ConfigSchema.ApiAccessCidrs, $"the key is required on cloud {Name(cloud)}",
                    "List the CIDRs allowed to reach the Kubernetes API, e.g. [203.0.113.0/24]; the API is never open to everyone by default.");
            }

            foreach (var cidr in apiCidrs)
            {
                if (Cidr(config, ConfigSchema.ApiAccessCidrs, cidr).PrefixLength == 0)
                {
                    throw config.Error(ConfigSchema.ApiAccessCidrs, $"'{cidr}' opens the Kubernetes API to every address",
                        "List only the networks operators and CI connect from.");
                }
            }
        }

        var privateNodes = config.Boolean(ConfigSchema.PrivateNodes) ?? true;
        var masterCidr = config.String(ConfigSchema.MasterCidr);
        if (cloud == CloudKind.Gcp && privateNodes)
        {
            Require(config, ConfigSchema.MasterCidr, "private GKE nodes need a /28 range for the control plane");
        }

        if (masterCidr is not null && Cidr(config, ConfigSchema.MasterCidr, masterCidr).PrefixLength != 28)
        {
            throw config.Error(ConfigSchema.MasterCidr, $"'{masterCidr}' is not a /28", "GKE needs a /28 for the control plane, e.g. 172.16.0.0/28.");
        }

        var enforcement = config.String(ConfigSchema.GkeNetworkPolicy) switch
        {
            null or "dataplane-v2" => GkePolicyEnforcement.DataplaneV2,
            "calico" => GkePolicyEnforcement.Calico,
            var other => throw config.Error(ConfigSchema.GkeNetworkPolicy, $"unknown network policy provider '{other}'", "Use dataplane-v2 or calico."),
        };

        var nodes = ReadNodes(config, cloud);
        var domain = config.String(ConfigSchema.Domain);
        if (domain is not null && (domain.Length > 200 || !DomainPattern().IsMatch(domain)))
        {
            throw config.Error(ConfigSchema.Domain, $"'{domain}' is not a valid DNS domain", "Write a lowercase domain such as example.com.");
        }

        if (ingress != IngressKind.None && domain is null)
        {
            Require(config, ConfigSchema.Domain, "every app is served at <app host>.<domain>");
        }

        RequireOnlyIngress(config, ingress, IngressKind.Alb, ConfigSchema.CertificateArn, ConfigSchema.SslPolicy, ConfigSchema.WafRateLimit);
        RequireOnlyIngress(config, ingress, IngressKind.Nginx, ConfigSchema.NginxRps, ConfigSchema.NginxConnections, ConfigSchema.NginxBodySize);

        return new PlatformSettings(
            cloud, ingress, clusterName, version, region, project,
            config.String(ConfigSchema.VpcId), vpcCidr, subnetIds,
            config.String(ConfigSchema.Network), config.String(ConfigSchema.Subnetwork),
            nodes, apiCidrs, privateNodes, masterCidr,
            config.Boolean(ConfigSchema.PolicyEventLogs) ?? false,
            enforcement,
            config.Boolean(ConfigSchema.DeletionProtection) ?? false,
            domain,
            ingress == IngressKind.Alb ? ReadAlb(config) : null,
            ingress == IngressKind.Nginx ? ReadNginx(config) : null);
    }

    private static AlbSettings ReadAlb(StackConfig config)
    {
        var certificate = Require(config, ConfigSchema.CertificateArn, "the ALB serves HTTPS on 443 and redirects HTTP to it");
        if (!CertificateArnPattern().IsMatch(certificate))
        {
            throw config.Error(ConfigSchema.CertificateArn, $"'{certificate}' is not an ACM certificate ARN",
                "Write it as arn:aws:acm:<region>:<account>:certificate/<id>.");
        }

        var sslPolicy = config.String(ConfigSchema.SslPolicy) ?? DefaultSslPolicy;
        if (!sslPolicy.StartsWith("ELBSecurityPolicy-", StringComparison.Ordinal))
        {
            throw config.Error(ConfigSchema.SslPolicy, $"'{sslPolicy}' is not an ELB security policy name",
                $"Use a policy such as {DefaultSslPolicy}.");
        }

        var rate = config.Integer(ConfigSchema.WafRateLimit) ?? DefaultWafRateLimit;
        if (rate is < MinWafRateLimit or > MaxWafRateLimit)
        {
            throw config.Error(ConfigSchema.WafRateLimit, $"{rate} is out of range",
                $"Use {MinWafRateLimit} to {MaxWafRateLimit} requests per 5 minutes per client IP (pulumi-aws rejects limits below {MinWafRateLimit}).");
        }

        return new AlbSettings(certificate, sslPolicy, rate);
    }

    private static NginxSettings ReadNginx(StackConfig config)
    {
        var rps = Limit(config, ConfigSchema.NginxRps, DefaultNginxRps, "requests per second");
        var connections = Limit(config, ConfigSchema.NginxConnections, DefaultNginxConnections, "concurrent connections");
        var body = config.String(ConfigSchema.NginxBodySize) ?? DefaultNginxBodySize;
        if (!BodySizePattern().IsMatch(body) || BodyKilobytes(body) is < 1 or > 1024 * 1024)
        {
            throw config.Error(ConfigSchema.NginxBodySize, $"'{body}' is not a body size from 1k to 1024m",
                "Write a number with k or m, e.g. 10m (0 would turn the limit off, which the platform does not allow).");
        }

        return new NginxSettings(rps, connections, body);
    }

    private static long BodyKilobytes(string size)
    {
        var number = long.Parse(size.TrimEnd('k', 'm'), CultureInfo.InvariantCulture);
        return size[^1] switch
        {
            'k' => number,
            'm' => number * 1024,
            _ => number / 1024,
        };
    }

    private static int Limit(StackConfig config, ConfigKey key, int fallback, string what)
    {
        var value = config.Integer(key) ?? fallback;
        if (value is < 1 or > MaxNginxLimit)
        {
            throw config.Error(key, $"{value} is out of range", $"Use 1 to {MaxNginxLimit} {what} per client IP.");
        }

        return (int)value;
    }

    private static NodeSizing ReadNodes(StackConfig config, CloudKind cloud)
    {
        var type = config.String(ConfigSchema.NodeType) ?? (cloud == CloudKind.Gcp ? "e2-standard-2" : "t3.medium");
        var min = Size(config, ConfigSchema.NodeMinSize, 1);
        var desired = Size(config, ConfigSchema.NodeDesiredSize, 2);
        var max = Size(config, ConfigSchema.NodeMaxSize, 3);
        if (!(min <= desired && desired <= max) || max == 0)
        {
            throw config.Error(ConfigSchema.NodeDesiredSize, $"node sizes min {min}, desired {desired}, max {max} are not ordered",
                "Set palisade:nodeMinSize <= palisade:nodeDesiredSize <= palisade:nodeMaxSize, with a maximum of at least 1.");
        }

        return new NodeSizing(type, min, desired, max);
    }

    private static int Size(StackConfig config, ConfigKey key, int fallback)
    {
        var value = config.Integer(key) ?? fallback;
        if (value is < 0 or > 100)
        {
            throw config.Error(key, $"{value} is out of range", "Use 0 to 100 nodes.");
        }

        return (int)value;
    }

    private static IPNetwork Cidr(StackConfig config, ConfigKey key, string text) =>
        AppValidator.ParseCidr(text, $"{config.Source}: {StackConfig.Qualified(key)}");

    private static string Require(StackConfig config, ConfigKey key, string why) =>
        config.String(key) ?? (config.StringList(key).Count > 0 ? string.Join(",", config.StringList(key)) : null) ??
        throw config.Error(key, "the required key is missing", $"Add it under config: {why}. {key.Description}");

    private static string ProviderKey(StackConfig config, string key, string what) =>
        config.Values.GetValueOrDefault(key) is ConfigScalar { Text.Length: > 0 } scalar
            ? scalar.Text
            : throw new InputError($"{config.Source}: {key}", "the required key is missing",
                $"Add {key} under config: {what} (`pulumi config set {key} <value>`).");

    private static void RequireOnly(StackConfig config, CloudKind cloud, CloudKind only, params ConfigKey[] keys)
    {
        if (cloud == only)
        {
            return;
        }

        foreach (var key in keys.Where(config.Has))
        {
            throw config.Error(key, $"the key only applies to palisade:cloud {Name(only)}, but the stack's cloud is {Name(cloud)}",
                "Remove it, or fix palisade:cloud.");
        }
    }

    private static void RequireOnlyIngress(StackConfig config, IngressKind ingress, IngressKind only, params ConfigKey[] keys)
    {
        if (ingress == only)
        {
            return;
        }

        foreach (var key in keys.Where(config.Has))
        {
            throw config.Error(key, $"the key only applies to palisade:ingress {only.ToString().ToLowerInvariant()}",
                $"Remove it, or set palisade:ingress to {only.ToString().ToLowerInvariant()}.");
        }
    }

    private static string Name(CloudKind cloud) => cloud.ToString().ToLowerInvariant();
}
