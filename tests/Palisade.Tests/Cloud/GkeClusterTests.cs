using Palisade.Components.Gcp;
using Palisade.Components.Graph;
using Palisade.Stacks.Composition;

namespace Palisade.Tests.Cloud;

public class GkeClusterTests
{
    private static ResourceGraph Compose(string? networkPolicy = null)
    {
        var text = File.ReadAllText(CloudStacks.GkeFixture);
        if (networkPolicy is not null)
        {
            // Policy logging exists on Dataplane V2 only.
            text = text.Replace("palisade:gkeNetworkPolicy: dataplane-v2", $"palisade:gkeNetworkPolicy: {networkPolicy}", StringComparison.Ordinal)
                .Replace("  palisade:policyEventLogs: true\n", string.Empty, StringComparison.Ordinal);
        }

        return TestApps.Compose(Palisade.Stacks.Config.StackConfigParser.ParseFile("gke", "Pulumi.gke.yaml", text)).Graph;
    }

    private static ResourceGraph ComposeWith(string lines) =>
        TestApps.Compose(Palisade.Stacks.Config.StackConfigParser.ParseFile("gke", "Pulumi.gke.yaml", File.ReadAllText(CloudStacks.GkeFixture) + lines)).Graph;

    [Fact]
    public void Dataplane_v2_is_the_default_and_sets_nothing_of_calico()
    {
        var cluster = Compose().Resource("gke-cluster");
        Assert.Equal(new StringValue("ADVANCED_DATAPATH"), cluster.Prop("datapathProvider"));
        Assert.False(cluster.Has("networkPolicy"));
        Assert.False(((MapValue)cluster.Prop("addonsConfig")).Entries.ContainsKey("networkPolicyConfig"));
    }

    [Fact]
    public void Kube_dns_is_pinned_by_turning_the_node_local_cache_off_and_cloud_dns_is_configured_when_chosen()
    {
        Assert.Equal(new BoolValue(false), Compose().Resource("gke-cluster").Prop("addonsConfig.dnsCacheConfig.enabled"));
        Assert.False(Compose().Resource("gke-cluster").Has("dnsConfig"));
        Assert.Equal(new BoolValue(true), ComposeWith("  palisade:dns: node-local-dns\n").Resource("gke-cluster").Prop("addonsConfig.dnsCacheConfig.enabled"));
        var cloudDns = ComposeWith("  palisade:dns: cloud-dns\n").Resource("gke-cluster");
        Assert.Equal(new StringValue("CLOUD_DNS"), cloudDns.Prop("dnsConfig.clusterDns"));
        Assert.Equal(new StringValue("CLUSTER_SCOPE"), cloudDns.Prop("dnsConfig.clusterDnsScope"));
    }

    [Fact]
    public void Calico_sets_the_policy_and_the_addon_and_no_datapath_provider()
    {
        var cluster = Compose("calico").Resource("gke-cluster");
        Assert.Equal(new BoolValue(true), cluster.Prop("networkPolicy.enabled"));
        Assert.Equal(new StringValue("CALICO"), cluster.Prop("networkPolicy.provider"));
        Assert.Equal(new BoolValue(false), cluster.Prop("addonsConfig.networkPolicyConfig.disabled"));
        Assert.False(cluster.Has("datapathProvider"));
    }

    [Fact]
    public void Workload_identity_private_nodes_and_authorized_networks_come_from_config()
    {
        var graph = Compose();
        var cluster = graph.Resource("gke-cluster");
        Assert.Equal(new StringValue("palisade-example.svc.id.goog"), cluster.Prop("workloadIdentityConfig.workloadPool"));
        Assert.Equal(new BoolValue(true), cluster.Prop("privateClusterConfig.enablePrivateNodes"));
        Assert.Equal(new StringValue("172.16.0.0/28"), cluster.Prop("privateClusterConfig.masterIpv4CidrBlock"));
        Assert.Equal(new StringValue("203.0.113.0/24"), cluster.Prop("masterAuthorizedNetworksConfig.cidrBlocks.0.cidrBlock"));
        Assert.Equal(new BoolValue(true), cluster.Prop("removeDefaultNodePool"));
        Assert.Equal(new BoolValue(false), cluster.Prop("deletionProtection"));

        var pool = graph.Resource("gke-nodes");
        Assert.Equal(new StringValue("GKE_METADATA"), pool.Prop("nodeConfig.workloadMetadataConfig.mode"));
        Assert.Equal("gke-cluster", ((OutputRef)pool.Prop("cluster")).Resource.LogicalName);
    }

    [Fact]
    public void The_workload_identity_binding_is_exactly_the_tiers_service_account()
    {
        var graph = Compose();
        var binding = graph.Resource("govtech-backend-wi-wi-user");
        Assert.Equal(GcpTypes.ServiceAccountIamMember, binding.Type);
        Assert.Equal(new StringValue("roles/iam.workloadIdentityUser"), binding.Prop("role"));
        Assert.Equal(new StringValue("serviceAccount:palisade-example.svc.id.goog[govtech/backend]"), binding.Prop("member"));
        Assert.Equal("govtech-backend-wi-gsa", ((OutputRef)binding.Prop("serviceAccountId")).Resource.LogicalName);

        var role = graph.Resource("govtech-backend-wi-secrets-0");
        Assert.Equal(GcpTypes.ProjectIamMember, role.Type);
        Assert.Equal("member", ((OutputRef)role.Prop("member")).Path);

        var annotation = ((MapValue)graph.Resource("govtech-backend-sa").Prop("metadata.annotations"))["iam.gke.io/gcp-service-account"];
        Assert.Equal("email", Assert.IsType<OutputRef>(annotation).Path);
        Assert.DoesNotContain(graph.Resources, r => r.Type == GcpTypes.ProjectIamMember && r.Prop("role").Equals(new StringValue("roles/iam.workloadIdentityUser")));
        Assert.DoesNotContain(graph.Resources, r => r.Package == "aws");
    }

    [Fact]
    public void Nodes_run_as_their_own_service_account_with_the_least_privilege_node_roles()
    {
        var graph = Compose();
        var pool = graph.Resource("gke-nodes");
        var account = Assert.IsType<OutputRef>(pool.Prop("nodeConfig.serviceAccount"));
        Assert.Equal(("gke-node-sa", "email"), (account.Resource.LogicalName, account.Path));
        Assert.Equal(new StringValue("palisade-gke-nodes"), account.Resource.Prop("accountId"));
        Assert.Equal(ListValue.Of(GkeCluster.CloudPlatformScope), pool.Prop("nodeConfig.oauthScopes"));

        var grants = graph.Resources
            .Where(r => r.Type == GcpTypes.ProjectIamMember && r.Prop("member") is OutputRef { Resource.LogicalName: "gke-node-sa" })
            .ToList();
        Assert.Equal(
            ["roles/artifactregistry.reader", "roles/container.defaultNodeServiceAccount"],
            grants.Select(g => ((StringValue)g.Prop("role")).Text).Order(StringComparer.Ordinal));
        Assert.Equivalent(grants, pool.Options.DependsOn);
    }
}
