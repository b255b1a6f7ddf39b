using Palisade.Components.Aws;
using Palisade.Components.Gcp;
using Palisade.Components.Graph;
using Palisade.Components.Identity;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Composition;

/// <summary>The cluster a stack deploys into: its Kubernetes provider and how tiers get cloud identities.</summary>
public sealed record StackCluster(Resource KubernetesProvider, ITierIdentities? Identities, EksCluster? Eks, GkeCluster? Gke);

/// <summary>Creates the stack's cluster (EKS or GKE) from its settings, or the provider for an existing cluster.</summary>
public static class ClusterComposer
{
    public static StackCluster Compose(ResourceGraph graph, StackConfig config, PlatformSettings settings) => settings.Cloud switch
    {
        CloudKind.Aws => Eks(graph, settings),
        CloudKind.Gcp => Gke(graph, settings),
        _ => new StackCluster(ExistingProvider(graph, config), null, null, null),
    };

    private static StackCluster Eks(ResourceGraph graph, PlatformSettings settings)
    {
        var aws = AwsProvider.Create(graph, graph.Root, settings.Region!);
        var eks = EksCluster.Create(graph, graph.Root, aws, new EksClusterArgs(
            settings.ClusterName, settings.KubernetesVersion, settings.Region!, settings.SubnetIds, settings.ApiAccessCidrs,
            settings.Nodes.NodeType, settings.Nodes.Min, settings.Nodes.Desired, settings.Nodes.Max,
            settings.PolicyEventLogs, settings.DeletionProtection));
        graph.AddOutput("clusterName", eks.ClusterName);
        graph.AddOutput("clusterEndpoint", eks.Cluster.Output("endpoint"));
        return new StackCluster(eks.KubernetesProvider, new IrsaTierIdentities(eks, settings.ClusterName), eks, null);
    }

    private static StackCluster Gke(ResourceGraph graph, PlatformSettings settings)
    {
        var gcp = GcpProvider.Create(graph, graph.Root, settings.GcpProject!, settings.Region!);
        var gke = GkeCluster.Create(graph, graph.Root, gcp, new GkeClusterArgs(
            settings.ClusterName, settings.GcpProject!, settings.Region!, settings.KubernetesVersion, settings.Network, settings.Subnetwork,
            settings.GkeEnforcement == GkePolicyEnforcement.Calico ? GkeNetworkPolicyProvider.Calico : GkeNetworkPolicyProvider.DataplaneV2,
            settings.PrivateNodes, settings.MasterCidr, settings.ApiAccessCidrs,
            settings.Nodes.NodeType, settings.Nodes.Min, settings.Nodes.Desired, settings.Nodes.Max, settings.DeletionProtection));
        graph.AddOutput("clusterName", gke.Cluster.Output("name", settings.ClusterName));
        graph.AddOutput("clusterEndpoint", gke.Cluster.Output("endpoint"));
        return new StackCluster(gke.KubernetesProvider, new WorkloadIdentityTierIdentities(gke), null, gke);
    }

    /// <summary>
    /// Without a cluster of its own the stack deploys into an existing one: the provider takes the kubeconfig
    /// (secret) and context from stack config, so nothing depends on the operator's ambient ~/.kube/config by accident.
    /// </summary>
    private static Resource ExistingProvider(ResourceGraph graph, StackConfig config)
    {
        var properties = new MapBuilder();
        if (config.Has(ConfigSchema.Kubeconfig))
        {
            properties.Add("kubeconfig", graph.UseConfig(ConfigSchema.Kubeconfig.Name, ConfigType.String, null, secret: true));
        }

        if (config.String(ConfigSchema.KubeContext) is { } context)
        {
            properties.Add("context", graph.UseConfig(ConfigSchema.KubeContext.Name, ConfigType.String, context));
        }

        return ClusterProvider.FromProperties(graph, graph.Root, properties);
    }
}
