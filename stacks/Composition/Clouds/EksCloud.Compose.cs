using Palisade.Components.Aws;
using Palisade.Components.Graph;
using Palisade.Components.Identity;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Composition;

namespace Palisade.Stacks.Platform;

internal sealed partial record EksCloud
{
    public override StackCluster Compose(ResourceGraph graph, StackPlatform platform)
    {
        var aws = AwsProvider.Create(graph, graph.Root, Region);
        var eks = EksCluster.Create(graph, graph.Root, aws, new EksClusterArgs(
            Settings.Name, Settings.KubernetesVersion ?? ClusterSettings.DefaultKubernetesVersion, Region, SubnetIds, Settings.ApiAccessCidrs,
            Settings.Nodes.NodeType.In(graph), Settings.Nodes.Min, Settings.Nodes.Desired, Settings.Nodes.Max,
            PolicyEventLogs, Settings.DeletionProtection, VpcCniVersion, PodIdentityAgent: Identity == AwsIdentityMechanism.PodIdentity,
            StrictPolicyEnforcement: StrictEnforcement is not null, ServiceIpv4Cidr: VpcCidr is null ? null : ServiceCidr));
        EksClusterAdmins.Add(graph, eks, AdminRoleArns);
        graph.AddOutput("clusterName", eks.ClusterName);
        graph.AddOutput("clusterEndpoint", eks.Cluster.Output("endpoint"));
        ITierIdentities identities = Identity == AwsIdentityMechanism.PodIdentity
            ? new PodIdentityTierIdentities(eks, Settings.Name)
            : new IrsaTierIdentities(eks, Settings.Name);
        return new StackCluster(eks.KubernetesProvider, identities, eks);
    }
}
