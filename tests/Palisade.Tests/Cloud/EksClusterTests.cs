using Palisade.Components.Graph;

namespace Palisade.Tests.Cloud;

public class EksClusterTests
{
    [Theory]
    [InlineData("dev", true)]
    [InlineData("prod", false)]
    public void The_vpc_cni_addon_enforces_network_policies(string stack, bool eventLogs)
    {
        var addon = CloudStacks.Compose(stack).Graph.Resource("eks-vpc-cni");
        Assert.Equal("aws:eks/addon:Addon", addon.Type);
        Assert.Equal(new StringValue("vpc-cni"), addon.Prop("addonName"));
        var config = Assert.IsType<FunctionCall>(addon.Prop("configurationValues"));
        Assert.Equal("toJSON", config.Name);
        Assert.Equal(new StringValue("true"), config.Argument.At("enableNetworkPolicy"));
        Assert.Equal(eventLogs, ((MapValue)config.Argument).Entries.ContainsKey("nodeAgent"));
        if (eventLogs)
        {
            Assert.Equal(new StringValue("true"), config.Argument.At("nodeAgent.enablePolicyEventLogs"));
        }
    }

    [Fact]
    public void The_cluster_has_a_private_endpoint_a_limited_public_endpoint_all_logs_and_encrypted_secrets()
    {
        var graph = CloudStacks.Compose("dev").Graph;
        var cluster = graph.Resource("eks-cluster");
        Assert.Equal(new BoolValue(true), cluster.Prop("vpcConfig.endpointPrivateAccess"));
        Assert.Equal(new BoolValue(true), cluster.Prop("vpcConfig.endpointPublicAccess"));
        Assert.Equal(ListValue.Of("203.0.113.0/24"), cluster.Prop("vpcConfig.publicAccessCidrs"));
        Assert.Equal(ListValue.Of("api", "audit", "authenticator", "controllerManager", "scheduler"), cluster.Prop("enabledClusterLogTypes"));
        Assert.Equal(ListValue.Of("secrets"), cluster.Prop("encryptionConfig.resources"));
        Assert.Equal("eks-secrets-key", ((OutputRef)cluster.Prop("encryptionConfig.provider.keyArn")).Resource.LogicalName);
        Assert.Equal(new StringValue("1.35"), cluster.Prop("version"));
        Assert.Equal(new StringValue("STANDARD"), cluster.Prop("upgradePolicy.supportType"));
        Assert.Equal(["eks-cluster-role-policy"], cluster.Options.DependsOn.Select(r => r.LogicalName));
    }

    [Fact]
    public void The_node_group_and_oidc_provider_are_wired_to_the_cluster()
    {
        var graph = CloudStacks.Compose("dev").Graph;
        var nodes = graph.Resource("eks-nodes");
        Assert.Equal(ListValue.Of(new ConfigRef("nodeType", "t3.medium")), nodes.Prop("instanceTypes"));
        Assert.Equal(new NumberValue(2), nodes.Prop("scalingConfig.desiredSize"));
        Assert.Equal("eks-node-launch-template", ((OutputRef)nodes.Prop("launchTemplate.id")).Resource.LogicalName);
        var template = graph.Resource("eks-node-launch-template");
        Assert.Equal(new StringValue("required"), template.Prop("metadataOptions.httpTokens"));
        Assert.Equal(new NumberValue(1), template.Prop("metadataOptions.httpPutResponseHopLimit"));
        var oidc = graph.Resource("eks-oidc-provider");
        Assert.Equal(ListValue.Of("sts.amazonaws.com"), oidc.Prop("clientIdLists"));
        Assert.Equal("identities[0].oidcs[0].issuer", ((OutputRef)oidc.Prop("url")).Path);
    }

    [Theory]
    [InlineData("dev", "eks-nodes", "eks-vpc-cni")]
    [InlineData("prod", "eks-nodes", "eks-vpc-cni")]
    [InlineData("gke", "gke-nodes", null)]
    public void Every_kubernetes_resource_uses_the_provider_built_from_the_cluster(string stack, string nodes, string? cni)
    {
        var graph = CloudStacks.Compose(stack).Graph;
        var provider = graph.Resource("k8s");
        var kubeconfig = Assert.IsType<VariableRef>(provider.Prop("kubeconfig"));
        Assert.Contains(kubeconfig.Name, graph.Variables.Keys);
        Assert.Equal(new[] { nodes, cni }.OfType<string>(), provider.Options.DependsOn.Select(r => r.LogicalName));
        Assert.Equal("4.34.2", provider.Options.Version);

        var kubernetes = graph.Resources.Where(r => r.Package.StartsWith("kubernetes", StringComparison.Ordinal) && !r.IsProvider).ToList();
        Assert.NotEmpty(kubernetes);
        // GKE's own NetworkLogging object goes through the upsert provider, built from the same kubeconfig.
        Assert.All(kubernetes.Where(r => r.LogicalName != "gke-network-logging"), r => Assert.Same(provider, r.Options.Provider));
        if (graph.Find("gke-network-logging") is { } logging)
        {
            Assert.Equal(provider.Prop("kubeconfig"), logging.Options.Provider!.Prop("kubeconfig"));
        }

        Assert.All(graph.Resources.Where(r => r.Package is "aws" or "gcp" && !r.IsProvider),
            r => Assert.Equal(r.Package, r.Options.Provider?.LogicalName));
    }

    [Fact]
    public void Prod_protects_the_cluster_and_the_stateful_tiers_namespaces_and_dev_does_not()
    {
        var prod = CloudStacks.Compose("prod").Graph;
        var cluster = prod.Resource("eks-cluster");
        Assert.True(cluster.Options.Protect);
        Assert.Equal(new BoolValue(true), cluster.Prop("deletionProtection"));
        Assert.Equal(["govtech-ns", "voting-data-ns"],
            prod.Resources.Where(r => r.Type == "kubernetes:core/v1:Namespace" && r.Options.Protect).Select(r => r.LogicalName).Order());

        var dev = CloudStacks.Compose("dev").Graph;
        Assert.Equal(new BoolValue(false), dev.Resource("eks-cluster").Prop("deletionProtection"));
        Assert.DoesNotContain(dev.Resources, r => r.Options.Protect);
    }
}

public class EksClusterAdminsTests
{
    [Fact]
    public void Every_configured_administrator_gets_an_access_entry_and_the_cluster_admin_policy_scoped_to_the_cluster()
    {
        var graph = CloudStacks.Compose("prod").Graph;

        var entry = graph.Resource("eks-admin-1-access-entry");
        Assert.Equal(Palisade.Components.Aws.EksClusterAdmins.AccessEntryType, entry.Type);
        Assert.Equal(new StringValue("arn:aws:iam::111122223333:role/platform-admins"), entry.Prop("principalArn"));
        var association = graph.Resource("eks-admin-1-cluster-admin");
        Assert.Equal(new StringValue("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"), association.Prop("policyArn"));
        Assert.Equal(new StringValue("cluster"), association.Prop("accessScope.type"));
        Assert.Contains(association.Options.DependsOn, r => r.LogicalName == entry.LogicalName);
        Assert.DoesNotContain(CloudStacks.Compose("dev").Graph.Resources, r => r.Type == Palisade.Components.Aws.EksClusterAdmins.AccessEntryType);
    }

    [Theory]
    [InlineData("[arn:aws:iam::111122223333:root]")]
    [InlineData("[\"arn:aws:iam::1111:role/x\"]")]
    [InlineData("[arn:aws:iam::111122223333:role/a, arn:aws:iam::111122223333:role/a]")]
    public void A_bad_administrator_list_names_the_key(string list)
    {
        var yaml = File.ReadAllText(Path.Combine(Palisade.Tests.Support.RepoPaths.Root, "Pulumi.dev.yaml")) + $"  palisade:adminRoleArns: {list}\n";
        var error = Assert.Throws<Palisade.Components.Diagnostics.InputError>(() => TestApps.Compose(CloudStacks.Parse(yaml)));
        Assert.Equal("Pulumi.t.yaml: palisade:adminRoleArns", error.Location);
    }
}
