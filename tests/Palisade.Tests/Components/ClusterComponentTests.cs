using Palisade.Components.Aws;
using Palisade.Components.Gcp;
using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Tests.Cloud;

namespace Palisade.Tests.Components;

/// <summary>The cluster components as a library user composes them: few required args, names from the component's name.</summary>
public class ClusterComponentTests
{
    private static EksClusterArgs Eks(string clusterName) => new()
    {
        ClusterName = clusterName,
        Region = "eu-west-1",
        SubnetIds = ["subnet-a", "subnet-b"],
        PublicAccessCidrs = ["203.0.113.0/24"],
    };

    [Fact]
    public void Two_eks_clusters_in_one_program_do_not_collide()
    {
        var graph = new ResourceGraph("p", "s");
        var aws = AwsProvider.Create(graph, graph.Root, "eu-west-1");
        var blue = EksCluster.Create(graph, graph.Root, "blue", aws, Eks("shop-blue") with { AdminPrincipalArns = ["arn:aws:iam::111122223333:role/ops"] });
        var green = EksCluster.Create(graph, graph.Root, "green", aws, Eks("shop-green") with { AdminPrincipalArns = ["arn:aws:iam::111122223333:role/ops"] });

        Assert.Equal("blue-cluster", blue.Cluster.LogicalName);
        Assert.Equal("green-cluster", green.Cluster.LogicalName);
        Assert.Equal(["blue-k8s", "green-k8s"], new[] { blue.KubernetesProvider.LogicalName, green.KubernetesProvider.LogicalName });
        Assert.Equal(["blue-kubeconfig", "blue-oidc-issuer-host", "green-kubeconfig", "green-oidc-issuer-host"], graph.Variables.Keys);
        var aws1 = blue.Component.DescendantResources().Select(r => r.LogicalName).ToList();
        var aws2 = green.Component.DescendantResources().Select(r => r.LogicalName).ToList();
        Assert.Equal(aws1.Count, aws2.Count);
        Assert.All(aws1, n => Assert.StartsWith("blue-", n, StringComparison.Ordinal));
        Assert.All(aws2, n => Assert.StartsWith("green-", n, StringComparison.Ordinal));
        Assert.Contains("blue-admin-1-access-entry", aws1);

        // Account-scoped names are the clusters' own too, so both can be deployed into one account.
        string[] Physical(EksCluster c) => c.Component.DescendantResources()
            .Select(r => r.Properties["name"] ?? r.Properties["nodeGroupName"]).OfType<StringValue>().Select(v => v.Text).ToArray();
        Assert.Empty(Physical(blue).Intersect(Physical(green)));
        Assert.Equal(new StringValue("shop-blue-nodes"), blue.NodeGroup!.Prop("nodeGroupName"));
    }

    [Fact]
    public void Two_gke_clusters_in_one_program_do_not_collide()
    {
        var graph = new ResourceGraph("p", "s");
        var gcp = GcpProvider.Create(graph, graph.Root, "proj", "europe-west1");
        var args = new GkeClusterArgs { Project = "proj", Region = "europe-west1", MasterCidr = "172.16.0.16/28", AdmissionWebhookPorts = [8443] };
        var a = GkeCluster.Create(graph, graph.Root, "gke-a", gcp, args with { ClusterName = "shop-a" });
        var b = GkeCluster.Create(graph, graph.Root, "gke-b", gcp, args with { ClusterName = "shop-b" });
        GkeNetworkLogging.Create(graph, a);
        GkeNetworkLogging.Create(graph, b);

        Assert.Equal(["gke-a-k8s", "gke-a-k8s-upsert", "gke-b-k8s", "gke-b-k8s-upsert"],
            graph.Resources.Where(r => r.Type == KubernetesTypes.Provider).Select(r => r.LogicalName).Order(StringComparer.Ordinal));
        Assert.Equal("gke-a-nodes", a.NodePool!.LogicalName);
        Assert.Equal("gke-b-webhook-firewall", b.WebhookFirewall!.LogicalName);
        Assert.Equal(new StringValue("shop-a-nodes"), a.NodePool!.Prop("name"));
        Assert.Equal(new StringValue("shop-b-nodes"), b.NodeServiceAccount.Prop("accountId"));
        Assert.Equal(ListValue.Of("shop-b-nodes"), b.WebhookFirewall!.Prop("targetTags"));
    }

    [Fact]
    public void Unset_optional_args_take_their_documented_secure_defaults()
    {
        var graph = new ResourceGraph("p", "s");
        var aws = AwsProvider.Create(graph, graph.Root, "eu-west-1");
        var eks = EksCluster.Create(graph, graph.Root, "eks", aws, new EksClusterArgs { Region = "eu-west-1", SubnetIds = ["subnet-a", "subnet-b"] });

        Assert.Equal(new StringValue("eks"), eks.Cluster.Prop("name"));
        Assert.Equal(new BoolValue(false), eks.Cluster.Prop("vpcConfig.endpointPublicAccess"));
        Assert.False(eks.Cluster.Has("vpcConfig.publicAccessCidrs"));
        Assert.Equal(new BoolValue(true), eks.Cluster.Prop("vpcConfig.endpointPrivateAccess"));
        Assert.Equal(new StringValue(EksCluster.DefaultKubernetesVersion), eks.Cluster.Prop("version"));
        Assert.Equal(new StringValue(EksCluster.DefaultVpcCniVersion), eks.VpcCni.Prop("addonVersion"));
        Assert.False(eks.Cluster.Has("tags"));
        var nodes = eks.NodeGroup!;
        Assert.Equal(ListValue.Of("t3.medium"), nodes.Prop("instanceTypes"));
        Assert.Equal([new NumberValue(1), new NumberValue(2), new NumberValue(3)],
            new[] { "minSize", "desiredSize", "maxSize" }.Select(k => nodes.Prop($"scalingConfig.{k}")));
        Assert.False(nodes.Has("labels"));
        Assert.False(nodes.Has("taints"));
        Assert.Equal(new StringValue("required"), eks.DefaultNodeGroup!.LaunchTemplate.Prop("metadataOptions.httpTokens"));
        Assert.Null(eks.PodIdentityAgent);

        var gcp = GcpProvider.Create(graph, graph.Root, "proj", "europe-west1");
        var gke = GkeCluster.Create(graph, graph.Root, "gke", gcp, new GkeClusterArgs { Project = "proj", Region = "europe-west1" });
        Assert.Equal(new BoolValue(true), gke.Cluster.Prop("privateClusterConfig.enablePrivateNodes"));
        Assert.Equal(ListValue.Empty, gke.Cluster.Prop("masterAuthorizedNetworksConfig.cidrBlocks"));
        Assert.Equal(new StringValue("ADVANCED_DATAPATH"), gke.Cluster.Prop("datapathProvider"));
        Assert.Equal(new StringValue("GKE_METADATA"), gke.NodePool!.Prop("nodeConfig.workloadMetadataConfig.mode"));
        Assert.Equal(new StringValue("e2-standard-2"), gke.NodePool!.Prop("nodeConfig.machineType"));
        Assert.Null(gke.WebhookFirewall);
    }

    [Fact]
    public void Additional_security_groups_reach_the_control_plane_only_when_given()
    {
        var graph = new ResourceGraph("p", "s");
        var aws = AwsProvider.Create(graph, graph.Root, "eu-west-1");
        var plain = EksCluster.Create(graph, graph.Root, "a", aws, Eks("a"));
        var extra = EksCluster.Create(graph, graph.Root, "b", aws, Eks("b") with { AdditionalSecurityGroupIds = ["sg-0123"] });
        Assert.False(plain.Cluster.Has("vpcConfig.securityGroupIds"));
        Assert.Equal(ListValue.Of("sg-0123"), extra.Cluster.Prop("vpcConfig.securityGroupIds"));
    }

    [Fact]
    public void A_second_eks_node_group_is_one_more_component_with_its_labels_taints_and_tags()
    {
        var graph = new ResourceGraph("p", "s");
        var aws = AwsProvider.Create(graph, graph.Root, "eu-west-1");
        var eks = EksCluster.Create(graph, graph.Root, "eks", aws, Eks("palisade-dev") with { Tags = new Dictionary<string, string> { ["team"] = "platform" } });
        var gpu = EksManagedNodeGroup.Create(graph, "eks-gpu", new EksManagedNodeGroupArgs
        {
            Cluster = eks,
            InstanceType = "g5.xlarge",
            MinSize = 0,
            DesiredSize = 0,
            MaxSize = 2,
            Labels = new Dictionary<string, string> { ["workload"] = "gpu" },
            Taints = [new NodeTaint("nvidia.com/gpu", "present", TaintEffect.NoSchedule)],
            Tags = new Dictionary<string, string> { ["cost-centre"] = "ml" },
        });

        Assert.Equal("eks-gpu-nodes", gpu.NodeGroup.LogicalName);
        Assert.Equal("eks-gpu-node-launch-template", gpu.LaunchTemplate.LogicalName);
        Assert.Same(eks.Component, gpu.Component.Parent);
        Assert.Equal(new StringValue("palisade-dev-gpu-nodes"), gpu.NodeGroup.Prop("nodeGroupName"));
        Assert.Equal(new StringValue("palisade-dev-gpu-nodes"), gpu.LaunchTemplate.Prop("name"));
        Assert.Equal(MapValue.OfStrings(new Dictionary<string, string> { ["workload"] = "gpu" }), gpu.NodeGroup.Prop("labels"));
        Assert.Equal(new StringValue("NO_SCHEDULE"), gpu.NodeGroup.Prop("taints.0.effect"));
        Assert.Equal(MapValue.OfStrings(new Dictionary<string, string> { ["cost-centre"] = "ml", ["team"] = "platform" }), gpu.NodeGroup.Prop("tags"));
        Assert.Equal(MapValue.OfStrings(new Dictionary<string, string> { ["team"] = "platform" }), eks.Cluster.Prop("tags"));
        Assert.Equal(eks.NodeRole.Output("arn"), gpu.NodeGroup.Prop("nodeRoleArn"));
        Assert.Equal(eks.NodeRolePolicies, gpu.NodeGroup.Options.DependsOn);
        Assert.Equal(new StringValue("required"), gpu.LaunchTemplate.Prop("metadataOptions.httpTokens"));
    }

    [Fact]
    public void A_second_gke_node_pool_runs_as_the_clusters_node_account_with_its_tag()
    {
        var graph = new ResourceGraph("p", "s");
        var gcp = GcpProvider.Create(graph, graph.Root, "proj", "europe-west1");
        var gke = GkeCluster.Create(graph, graph.Root, "gke", gcp, new GkeClusterArgs { ClusterName = "palisade-gke", Project = "proj", Region = "europe-west1" });
        var pool = GkeNodePool.Create(graph, "gke-batch", new GkeNodePoolArgs
        {
            Cluster = gke,
            MachineType = "n2-standard-8",
            Labels = new Dictionary<string, string> { ["workload"] = "batch" },
            Taints = [new NodeTaint("batch", "true", TaintEffect.PreferNoSchedule)],
            NetworkTags = ["batch"],
        });

        Assert.Equal("gke-batch-nodes", pool.NodePool.LogicalName);
        Assert.Equal(new StringValue("palisade-gke-batch-nodes"), pool.NodePool.Prop("name"));
        Assert.Equal(gke.NodeServiceAccount.Output("email"), pool.NodePool.Prop("nodeConfig.serviceAccount"));
        Assert.Equal(ListValue.Of("palisade-gke-nodes", "batch"), pool.NodePool.Prop("nodeConfig.tags"));
        Assert.Equal(new StringValue("PREFER_NO_SCHEDULE"), pool.NodePool.Prop("nodeConfig.taints.0.effect"));
        Assert.Equal(new StringValue("GKE_METADATA"), pool.NodePool.Prop("nodeConfig.workloadMetadataConfig.mode"));
        Assert.Equal(gke.NodeServiceAccountGrants, pool.NodePool.Options.DependsOn);
    }

    [Fact]
    public void Without_a_default_node_group_the_provider_waits_for_the_cni_only()
    {
        var graph = new ResourceGraph("p", "s");
        var aws = AwsProvider.Create(graph, graph.Root, "eu-west-1");
        var eks = EksCluster.Create(graph, graph.Root, "eks", aws, Eks("c") with { DefaultNodeGroup = null });
        Assert.Null(eks.NodeGroup);
        Assert.DoesNotContain(graph.Resources, r => r.Type == AwsTypes.EksNodeGroup);
        Assert.Equal([eks.VpcCni], eks.KubernetesProvider.Options.DependsOn);
    }

    [Theory]
    [InlineData(2, 1, 3)]
    [InlineData(1, 4, 3)]
    [InlineData(0, 0, 0)]
    public void Node_sizes_out_of_order_are_refused(int min, int desired, int max)
    {
        var graph = new ResourceGraph("p", "s");
        var aws = AwsProvider.Create(graph, graph.Root, "eu-west-1");
        var error = Assert.Throws<ArgumentException>(() => EksCluster.Create(graph, graph.Root, "eks", aws,
            Eks("c") with { DefaultNodeGroup = new EksNodeGroupOptions { MinSize = min, DesiredSize = desired, MaxSize = max } }));
        Assert.Contains("Node group 'eks'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_clouds_build_their_kubeconfig_with_the_one_builder()
    {
        var graph = new ResourceGraph("p", "s");
        var eks = EksCluster.Create(graph, graph.Root, "eks", AwsProvider.Create(graph, graph.Root, "eu-west-1"), Eks("c"));
        var gke = GkeCluster.Create(graph, graph.Root, "gke", GcpProvider.Create(graph, graph.Root, "proj", "europe-west1"),
            new GkeClusterArgs { Project = "proj", Region = "europe-west1" });

        var eksConfig = (MapValue)((FunctionCall)graph.Variables["eks-kubeconfig"]).Argument;
        Assert.Equal(Kubeconfig.Build(new KubeconfigArgs
        {
            Server = eks.Cluster.Output("endpoint"),
            CertificateAuthorityData = eks.Cluster.Output("certificateAuthority.data"),
            ClusterEntryName = "kubernetes",
            ContextName = "aws",
            Exec = new KubeconfigExec { Command = "aws", Args = ["--region", "eu-west-1", "eks", "get-token", "--cluster-name", eks.ClusterName, "--output", "json"] },
        }), eksConfig);
        Assert.Equal(new StringValue("aws"), eksConfig.At("current-context"));
        Assert.False(Has(eksConfig, "users.0.user.exec.provideClusterInfo"));

        var gkeConfig = (MapValue)((FunctionCall)graph.Variables["gke-kubeconfig"]).Argument;
        Assert.Equal(new StringValue("gke"), gkeConfig.At("clusters.0.name"));
        Assert.Equal(new StringValue("gke-gcloud-auth-plugin"), gkeConfig.At("users.0.user.exec.command"));
        Assert.Equal(new BoolValue(true), gkeConfig.At("users.0.user.exec.provideClusterInfo"));
        Assert.False(Has(gkeConfig, "users.0.user.exec.args"));
        Assert.Equal(Interpolation.Of("https://", gke.Cluster.Output("endpoint")), gkeConfig.At("clusters.0.cluster.server"));
    }

    private static bool Has(Value value, string path)
    {
        try
        {
            value.At(path);
            return true;
        }
        catch (Xunit.Sdk.XunitException)
        {
            return false;
        }
    }
}
