using Palisade.Components.Aws;
using Palisade.Components.Graph;
using Palisade.Components.Identity;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Composition;

namespace Palisade.Stacks.Platform;

public sealed partial record EksCloud
{
    /// <summary>The EKS component's name: its children are <c>eks-cluster</c>, <c>eks-nodes</c>, ...</summary>
    public const string ComponentName = "eks";

    public override StackCluster Compose(ResourceGraph graph, StackPlatform platform)
    {
        var aws = AwsProvider.Create(graph, graph.Root, Region);
        var eks = EksCluster.Create(graph, graph.Root, ComponentName, aws, new EksClusterArgs
        {
            ClusterName = Settings.Name,
            Region = Region,
            SubnetIds = SubnetIds,
            PublicAccessCidrs = Settings.ApiAccessCidrs,
            KubernetesVersion = Settings.KubernetesVersion ?? ClusterSettings.DefaultKubernetesVersion,
            VpcCniVersion = VpcCniVersion,
            PolicyEventLogs = PolicyEventLogs,
            StrictPolicyEnforcement = StrictEnforcement is not null,
            DeletionProtection = Settings.DeletionProtection,
            PodIdentityAgent = Identity == AwsIdentityMechanism.PodIdentity,
            ServiceIpv4Cidr = VpcCidr is null ? null : ServiceCidr,
            DefaultNodeGroup = new EksNodeGroupOptions
            {
                InstanceType = Settings.Nodes.NodeType.In(graph),
                MinSize = Settings.Nodes.Min,
                DesiredSize = Settings.Nodes.Desired,
                MaxSize = Settings.Nodes.Max,
            },
            AdminPrincipalArns = AdminRoleArns,
            KubernetesProviderName = ClusterProvider.LogicalName,
        });
        graph.AddOutput("clusterName", eks.ClusterName);
        graph.AddOutput("clusterEndpoint", eks.Cluster.Output("endpoint"));
        ITierIdentities identities = Identity == AwsIdentityMechanism.PodIdentity
            ? new PodIdentityTierIdentities(eks)
            : new IrsaTierIdentities(eks);
        return new StackCluster(eks.KubernetesProvider, identities, eks);
    }
}
