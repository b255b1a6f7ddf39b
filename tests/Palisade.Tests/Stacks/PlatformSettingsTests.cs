using Palisade.Components.Diagnostics;
using Palisade.Stacks.Config;

namespace Palisade.Tests.Stacks;

public class PlatformSettingsTests
{
    private static PlatformSettings Read(string yaml) => PlatformSettings.From(StackConfigParser.ParseFile("t", "Pulumi.t.yaml", yaml));

    private const string Aws = "config:\n  aws:region: us-east-1\n  palisade:apps: [voting]\n  palisade:cloud: aws\n" +
                               "  palisade:subnetIds: [subnet-1, subnet-2]\n  palisade:apiAccessCidrs: [203.0.113.0/24]\n  palisade:domain: example.com\n";

    [Fact]
    public void Without_a_cloud_the_stack_uses_an_existing_cluster_and_no_ingress()
    {
        var settings = Read("config:\n  palisade:apps: [voting]\n");
        Assert.Equal(CloudKind.Existing, settings.Cloud);
        Assert.Equal(IngressKind.None, settings.Ingress);
        Assert.False(settings.CreatesCluster);
    }

    [Fact]
    public void On_aws_ingress_nginx_is_the_default_with_the_seed_limits()
    {
        var settings = Read(Aws);
        Assert.Equal(IngressKind.Nginx, settings.Ingress);
        Assert.Equal(new NginxSettings(100, 20, "10m"), settings.Nginx);
        Assert.Null(settings.Alb);
        Assert.Equal("us-east-1", settings.Region);
        Assert.Equal("palisade-t", settings.ClusterName);
        Assert.Equal(new NodeSizing("t3.medium", 1, 2, 3), settings.Nodes);
    }

    [Fact]
    public void Alb_defaults_to_a_modern_tls_policy_and_a_2000_request_limit()
    {
        var settings = Read(Aws + "  palisade:ingress: alb\n  palisade:vpcId: vpc-1\n  palisade:vpcCidr: 10.0.0.0/16\n" +
                            "  palisade:certificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc\n");
        Assert.Equal(new AlbSettings("arn:aws:acm:us-east-1:111122223333:certificate/abc", "ELBSecurityPolicy-TLS13-1-2-2021-06", 2000), settings.Alb);
    }

    [Theory]
    [InlineData("  palisade:wafRateLimit: 100\n", 100)]
    [InlineData("  palisade:wafRateLimit: 2000000000\n", 2_000_000_000)]
    public void The_waf_limit_bounds_are_inclusive(string line, long expected)
    {
        var settings = Read(Aws + "  palisade:ingress: alb\n  palisade:vpcId: vpc-1\n  palisade:vpcCidr: 10.0.0.0/16\n" +
                            "  palisade:certificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc\n" + line);
        Assert.Equal(expected, settings.Alb!.WafRateLimit);
    }

    [Theory]
    [InlineData("  palisade:nodeMinSize: 3\n  palisade:nodeMaxSize: 2\n", "palisade:nodeDesiredSize")]
    [InlineData("  palisade:apiAccessCidrs: [0.0.0.0/0]\n", "palisade:apiAccessCidrs")]
    [InlineData("  palisade:kubernetesVersion: \"1.24\"\n", "palisade:kubernetesVersion")]
    [InlineData("  palisade:clusterName: Prod_Cluster\n", "palisade:clusterName")]
    [InlineData("  palisade:domain: not a domain\n", "palisade:domain")]
    [InlineData("  palisade:wafRateLimit: 500\n", "palisade:wafRateLimit")]
    public void Bad_values_name_the_key(string line, string key)
    {
        var existing = Aws.Split('\n').FirstOrDefault(l => l.StartsWith(line[..line.IndexOf(':', 12)], StringComparison.Ordinal));
        var yaml = existing is null ? Aws + line : Aws.Replace(existing + "\n", line, StringComparison.Ordinal);
        var error = Assert.Throws<InputError>(() => Read(yaml));
        Assert.Equal($"Pulumi.t.yaml: {key}", error.Location);
    }

    [Fact]
    public void Gcp_needs_a_master_cidr_for_private_nodes_and_defaults_to_dataplane_v2()
    {
        const string gcp = "config:\n  gcp:project: p-123456\n  gcp:region: europe-west1\n  palisade:apps: [voting]\n  palisade:cloud: gcp\n" +
                           "  palisade:apiAccessCidrs: [203.0.113.0/24]\n  palisade:domain: example.com\n";
        var error = Assert.Throws<InputError>(() => Read(gcp));
        Assert.Equal("Pulumi.t.yaml: palisade:masterCidr", error.Location);

        var settings = Read(gcp + "  palisade:masterCidr: 172.16.0.0/28\n");
        Assert.Equal(GkePolicyEnforcement.DataplaneV2, settings.GkeEnforcement);
        Assert.True(settings.PrivateNodes);
        Assert.Equal("p-123456", settings.GcpProject);
        Assert.Equal(new NodeSizing("e2-standard-2", 1, 2, 3), settings.Nodes);
        Assert.Equal(CloudKind.Gcp, Read(gcp + "  palisade:privateNodes: false\n").Cloud);
    }
}
