using Palisade.Components.Diagnostics;
using Palisade.Stacks.Config;
using Palisade.Stacks.Platform;

namespace Palisade.Tests.Stacks;

public class StackPlatformTests
{
    private static StackPlatform Read(string yaml, string stack = "t") =>
        StackPlatform.Read(StackConfigParser.ParseFile(stack, $"Pulumi.{stack}.yaml", yaml));

    private const string Aws = "config:\n  aws:region: us-east-1\n  palisade:apps: [voting]\n  palisade:cloud: aws\n" +
                               "  palisade:subnetIds: [subnet-1, subnet-2]\n  palisade:apiAccessCidrs: [203.0.113.0/24]\n  palisade:domain: example.com\n";

    private const string Alb = Aws + "  palisade:ingress: alb\n  palisade:vpcId: vpc-0a1b2c3d\n  palisade:vpcCidr: 10.0.0.0/16\n" +
                               "  palisade:albSubnetIds: [subnet-a1, subnet-a2]\n  palisade:albSubnetCidrs: [10.0.200.0/24, 10.0.201.0/24]\n" +
                               "  palisade:certificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc\n";

    private const string Gcp = "config:\n  gcp:project: p-123456\n  gcp:region: europe-west1\n  palisade:apps: [voting]\n  palisade:cloud: gcp\n" +
                               "  palisade:apiAccessCidrs: [203.0.113.0/24]\n  palisade:domain: example.com\n";

    [Fact]
    public void Without_a_cloud_the_stack_uses_an_existing_cluster_and_no_ingress()
    {
        var platform = Read("config:\n  palisade:apps: [voting]\n");
        Assert.IsType<ExistingCluster>(platform.Cloud);
        Assert.Null(platform.Ingress);
        Assert.False(platform.Cloud.CreatesCluster);
        Assert.Null(platform.KubernetesVersion);
    }

    [Fact]
    public void On_aws_the_maintained_nginx_controller_is_the_default_behind_an_nlb_and_is_installed()
    {
        var platform = Read(Aws);
        var nginx = Assert.IsType<NginxIngress>(platform.Ingress);
        Assert.True(nginx.Installs);
        Assert.Equal("nginx-ingress", nginx.Namespace);
        Assert.Equal("nlb", nginx.ServiceAnnotations["service.beta.kubernetes.io/aws-load-balancer-type"]);
        var eks = Assert.IsType<EksCloud>(platform.Cloud);
        Assert.Equal("us-east-1", eks.Region);
        Assert.Equal("palisade-t", eks.Settings.Name);
        Assert.Equal(new NodeSizing(new Configured("t3.medium", null), 1, 2, 3), eks.Settings.Nodes);
    }

    [Fact]
    public void A_default_and_the_same_value_stated_give_the_same_platform_version()
    {
        Assert.Equal(Read(Aws).KubernetesVersion, Read(Aws + "  palisade:kubernetesVersion: \"1.35\"\n").KubernetesVersion);
        Assert.Equal("1.35", Read(Aws).KubernetesVersion);
    }

    [Fact]
    public void Gke_leaves_the_version_to_the_release_channel_unless_the_stack_pins_one()
    {
        const string gke = Gcp + "  palisade:masterCidr: 172.16.0.0/28\n";
        Assert.Null(Read(gke).KubernetesVersion);
        Assert.Equal("1.34", Read(gke + "  palisade:kubernetesVersion: \"1.34\"\n").KubernetesVersion);
    }

    [Theory]
    [InlineData("v1.22.3-eksbuild.1", true)]
    [InlineData("v1.21.1-eksbuild.8", true)]
    [InlineData("v1.20.0-eksbuild.1", false)]
    [InlineData("1.22.3", false)]
    public void The_vpc_cni_version_is_pinned_and_at_least_1_21(string version, bool valid)
    {
        var yaml = Aws + $"  palisade:vpcCniVersion: {version}\n";
        if (valid)
        {
            Assert.Equal(version, Assert.IsType<EksCloud>(Read(yaml).Cloud).VpcCniVersion);
        }
        else
        {
            Assert.Equal("Pulumi.t.yaml: palisade:vpcCniVersion", Assert.Throws<InputError>(() => Read(yaml)).Location);
        }
    }

    [Fact]
    public void Configured_values_remember_their_key_and_defaults_do_not()
    {
        var alb = Assert.IsType<AlbIngress>(Read(Alb).Ingress);
        Assert.Equal(new Configured("example.com", "domain"), alb.Domain);
        Assert.Equal(new Configured(AlbIngress.DefaultSslPolicy, null), alb.SslPolicy);
        Assert.Equal(["10.0.200.0/24", "10.0.201.0/24"], alb.LoadBalancerCidrs);
        Assert.Null(alb.Controller);
    }

    [Theory]
    [InlineData("  palisade:wafRateLimit: 2000\n", "palisade:wafRateLimit")]
    [InlineData("  palisade:nginxRps: 100\n", "palisade:nginxRps")]
    [InlineData("  palisade:nginxBodySize: 10m\n", "palisade:nginxBodySize")]
    public void Stack_level_limits_are_refused_and_point_at_the_app_declaration(string line, string key)
    {
        var error = Assert.Throws<InputError>(() => Read(Alb + line));
        Assert.Equal($"Pulumi.t.yaml: {key}", error.Location);
        Assert.Contains("AppIngressSpec.Limits", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Ranges and syntax
    [InlineData(Aws, "  palisade:nodeMinSize: 3\n  palisade:nodeMaxSize: 2\n", "palisade:nodeDesiredSize")]
    [InlineData(Aws, "  palisade:nodeMaxSize: 99999999999999999999\n", "palisade:nodeMaxSize")]
    [InlineData(Aws, "  palisade:kubernetesVersion: \"1.24\"\n", "palisade:kubernetesVersion")]
    [InlineData(Aws, "  palisade:clusterName: Prod_Cluster\n", "palisade:clusterName")]
    [InlineData(Aws, "  palisade:policyEventLogs: yes\n", "palisade:policyEventLogs")]
    [InlineData(Aws, "  palisade:policyEventLogs: True\n", "palisade:policyEventLogs")]
    // Whitespace and control characters
    [InlineData(Aws, "  palisade:clusterName: \"palisade-dev\\n\"\n", "palisade:clusterName")]
    [InlineData(Aws, "  palisade:ingressNamespace: \"ingress-nginx \"\n", "palisade:ingressNamespace")]
    [InlineData(Aws, "  palisade:nodeType: \"t3.\\tmedium\"\n", "palisade:nodeType")]
    // Kubernetes names
    [InlineData(Aws, "  palisade:ingressNamespace: Bad_NS!\n", "palisade:ingressNamespace")]
    [InlineData(Aws, "  palisade:monitoringNamespace: -monitoring\n", "palisade:monitoringNamespace")]
    [InlineData(Aws, "  palisade:domain: not a domain\n", "palisade:domain")]
    // Address ranges that would admit the whole internet, or the wrong family
    [InlineData(Aws, "  palisade:apiAccessCidrs: [0.0.0.0/0]\n", "palisade:apiAccessCidrs")]
    [InlineData(Aws, "  palisade:apiAccessCidrs: [0.0.0.0/1, 128.0.0.0/1]\n", "palisade:apiAccessCidrs")]
    [InlineData(Aws, "  palisade:apiAccessCidrs: [0.0.0.0/2, 64.0.0.0/2, 128.0.0.0/2, 192.0.0.0/3, 224.0.0.0/3]\n", "palisade:apiAccessCidrs")]
    [InlineData(Aws, "  palisade:apiAccessCidrs: [\"2001:db8::/32\"]\n", "palisade:apiAccessCidrs")]
    [InlineData(Alb, "  palisade:vpcCidr: 0.0.0.0/0\n", "palisade:vpcCidr")]
    [InlineData(Alb, "  palisade:vpcCidr: 10.0.0.0/8\n", "palisade:vpcCidr")]
    [InlineData(Alb, "  palisade:vpcCidr: \"fd00::/56\"\n", "palisade:vpcCidr")]
    [InlineData(Alb, "  palisade:vpcId: vpc-1\n", "palisade:vpcId")]
    [InlineData(Alb, "  palisade:wafRateLimit: 99\n", "palisade:wafRateLimit")]
    // Keys that do nothing on this stack
    [InlineData("config:\n  palisade:apps: [voting]\n", "  palisade:domain: example.com\n", "palisade:domain")]
    [InlineData(Alb, "  palisade:nginxRps: 10\n", "palisade:nginxRps")]
    [InlineData(Aws, "  palisade:albSubnetIds: [subnet-a1, subnet-a2]\n", "palisade:albSubnetIds")]
    [InlineData(Alb, "  palisade:albSubnetIds: [subnet-1, subnet-a2]\n", "palisade:albSubnetIds")]
    [InlineData(Alb, "  palisade:albSubnetCidrs: [10.0.0.0/16, 10.0.201.0/24]\n", "palisade:albSubnetCidrs")]
    [InlineData(Alb, "  palisade:albSubnetCidrs: [10.9.0.0/24, 10.0.201.0/24]\n", "palisade:albSubnetCidrs")]
    [InlineData(Alb, "  palisade:albSubnetCidrs: [10.0.200.0/24]\n", "palisade:albSubnetCidrs")]
    [InlineData(Aws, "  palisade:masterCidr: 172.16.0.0/28\n", "palisade:masterCidr")]
    [InlineData(Gcp, "  palisade:masterCidr: 172.16.0.0/28\n  palisade:policyEventLogs: true\n", "palisade:policyEventLogs")]
    [InlineData("config:\n  palisade:apps: [voting]\n", "  palisade:clusterName: x\n", "palisade:clusterName")]
    // Apps and promotion
    [InlineData("config:\n", "  palisade:apps: []\n", "palisade:apps")]
    [InlineData("config:\n", "  palisade:apps: [voting, voting]\n", "palisade:apps")]
    [InlineData("config:\n  palisade:apps: [voting]\n", "  palisade:promotedDigest: sha256:0000000000000000000000000000000000000000000000000000000000000000\n", "palisade:promotedDigest")]
    [InlineData("config:\n  palisade:apps: [voting]\n", "  palisade:promoteFrom: t\n", "palisade:promoteFrom")]
    [InlineData("config:\n  palisade:apps: [voting]\n", "  palisade:promoteFrom: ../dev\n", "palisade:promoteFrom")]
    [InlineData("config:\n  palisade:apps: [voting]\n", "  palisade:promoteFrom: dev\n  palisade:promotedDigest: abc\n", "palisade:promotedDigest")]
    public void Bad_values_name_the_key(string stack, string line, string key)
    {
        var lineKey = line[..(line.IndexOf(':', line.IndexOf(':') + 1) + 1)];
        var existing = stack.Split('\n').FirstOrDefault(l => l.StartsWith(lineKey, StringComparison.Ordinal));
        var yaml = existing is null ? stack + line : stack.Replace(existing + "\n", line, StringComparison.Ordinal);
        var error = Assert.Throws<InputError>(() => Read(yaml));
        Assert.Equal($"Pulumi.t.yaml: {key}", error.Location);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_key_that_does_nothing_says_where_it_applies()
    {
        var error = Assert.Throws<InputError>(() => Read(Aws + "  palisade:masterCidr: 172.16.0.0/28\n"));
        Assert.StartsWith("Pulumi.t.yaml: palisade:masterCidr: the key only applies to palisade:cloud gcp, and this stack is cloud aws, ingress nginx",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gcp_needs_a_master_cidr_for_private_nodes_and_defaults_to_dataplane_v2()
    {
        var error = Assert.Throws<InputError>(() => Read(Gcp));
        Assert.Equal("Pulumi.t.yaml: palisade:masterCidr", error.Location);

        var gke = Assert.IsType<GkeCloud>(Read(Gcp + "  palisade:masterCidr: 172.16.0.0/28\n").Cloud);
        Assert.Equal(GkePolicyEnforcement.DataplaneV2, gke.Enforcement);
        Assert.True(gke.PrivateNodes);
        Assert.Equal("p-123456", gke.Project);
        Assert.Equal(new NodeSizing(new Configured("e2-standard-2", null), 1, 2, 3), gke.Settings.Nodes);
        Assert.False(Assert.IsType<GkeCloud>(Read(Gcp + "  palisade:privateNodes: false\n").Cloud).PrivateNodes);
    }

    [Fact]
    public void Every_cloud_and_ingress_kind_is_registered_once()
    {
        Assert.Equal(["existing", "aws", "gcp"], CloudKinds.All.Select(k => k.Name));
        Assert.Equal(CloudKinds.All.Count, CloudKinds.All.Select(k => k.Name).Distinct().Count());
        Assert.Equal(IngressKinds.All.Count, IngressKinds.All.Select(k => k.Name).Distinct().Count());
    }

    [Theory]
    [InlineData("0.0.0.0/1,128.0.0.0/1", true)]
    [InlineData("0.0.0.0/1,128.0.0.0/2", false)]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("10.0.0.0/8,0.0.0.0/1,128.0.0.0/1", true)]
    [InlineData("::/1,8000::/1", true)]
    [InlineData("203.0.113.0/24", false)]
    public void Coverage_of_the_whole_address_space(string cidrs, bool all) =>
        Assert.Equal(all, AddressCoverage.CoversAll(cidrs.Split(',').Select(System.Net.IPNetwork.Parse).ToList()));
}

public class IdentityPerCloudTests
{
    private const string Aws = "config:\n  aws:region: us-east-1\n  palisade:apps: [voting]\n  palisade:cloud: aws\n" +
                               "  palisade:subnetIds: [subnet-1, subnet-2]\n  palisade:apiAccessCidrs: [203.0.113.0/24]\n  palisade:domain: example.com\n";

    private const string Gcp = "config:\n  gcp:project: p-123456\n  gcp:region: europe-west1\n  palisade:apps: [voting]\n  palisade:cloud: gcp\n" +
                               "  palisade:apiAccessCidrs: [203.0.113.0/24]\n  palisade:domain: example.com\n  palisade:masterCidr: 172.16.0.0/28\n";

    private static CloudTarget Cloud(string yaml) => StackPlatform.Read(StackConfigParser.ParseFile("t", "Pulumi.t.yaml", yaml)).Cloud;

    [Fact]
    public void An_identity_for_one_cloud_is_granted_there_and_refused_on_the_other()
    {
        var gcpOnly = Palisade.Components.ZeroTrust.CloudIdentitySpec.Gcp("roles/secretmanager.secretAccessor");
        var awsOnly = Palisade.Components.ZeroTrust.CloudIdentitySpec.Aws([new Palisade.Components.Aws.IamStatement(["s3:GetObject"], ["arn:aws:s3:::b/*"])]);

        Assert.Null(Cloud(Gcp).CannotGrant(gcpOnly));
        Assert.Contains("declares no AWS permissions", Cloud(Aws).CannotGrant(gcpOnly));
        Assert.Null(Cloud(Aws).CannotGrant(awsOnly));
        Assert.Contains("declares no GCP roles", Cloud(Gcp).CannotGrant(awsOnly));
        Assert.Contains("cannot grant cloud identities", Cloud("config:\n  palisade:apps: [voting]\n").CannotGrant(awsOnly));
    }

    [Theory]
    [InlineData("dataplane-v2", "169.254.169.254/32", 80)]
    [InlineData("calico", "169.254.169.252/32", 988)]
    public void Gke_workload_identity_needs_exactly_its_metadata_server_endpoint(string enforcement, string cidr, int port)
    {
        var endpoint = Cloud(Gcp + $"  palisade:gkeNetworkPolicy: {enforcement}\n").IdentityEndpoint!;

        Assert.Equal(cidr, endpoint.Cidr);
        Assert.Equal(port, endpoint.Port);
        Assert.Null(Cloud(Aws).IdentityEndpoint);
    }

    [Theory]
    [InlineData(Aws, "  palisade:dns: cloud-dns\n", "resolver cloud-dns is not available on cloud aws")]
    [InlineData(Gcp, "  palisade:dns: coredns\n", "unknown resolver 'coredns'")]
    public void The_resolver_must_exist_on_the_cloud(string stack, string line, string problem)
    {
        var error = Assert.Throws<Palisade.Components.Diagnostics.InputError>(() => Cloud(stack + line));
        Assert.Equal("Pulumi.t.yaml: palisade:dns", error.Location);
        Assert.Contains(problem, error.Message);
    }
}
