using Palisade.Components.Gcp;
using Palisade.Components.Graph;
using Palisade.Components.Identity;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Composition;

namespace Palisade.Stacks.Platform;

public sealed partial record GkeCloud
{
    /// <summary>The GKE component's name: its children are <c>gke-cluster</c>, <c>gke-nodes</c>, ...</summary>
    public const string ComponentName = "gke";

    public override StackCluster Compose(ResourceGraph graph, StackPlatform platform)
    {
        var gcp = GcpProvider.Create(graph, graph.Root, Project, Region);
        var gke = GkeCluster.Create(graph, graph.Root, ComponentName, gcp, new GkeClusterArgs
        {
            ClusterName = Settings.Name,
            Project = Project,
            Region = Region,
            KubernetesVersion = Settings.KubernetesVersion,
            Network = Network?.In(graph),
            Subnetwork = Subnetwork?.In(graph),
            NetworkPolicy = Enforcement == GkePolicyEnforcement.Calico ? GkeNetworkPolicyProvider.Calico : GkeNetworkPolicyProvider.DataplaneV2,
            PrivateNodes = PrivateNodes,
            MasterCidr = MasterCidr,
            MasterAuthorizedCidrs = Settings.ApiAccessCidrs,
            DeletionProtection = Settings.DeletionProtection,
            Dns = platform.Dns.Name switch
            {
                "cloud-dns" => GkeDns.CloudDns,
                "node-local-dns" => GkeDns.NodeLocalDnsCache,
                _ => GkeDns.KubeDns,
            },
            AdmissionWebhookPorts = platform.Ingress?.AdmissionWebhookPorts ?? [],
            DefaultNodePool = new GkeNodePoolOptions
            {
                MachineType = Settings.Nodes.NodeType.In(graph),
                MinSize = Settings.Nodes.Min,
                DesiredSize = Settings.Nodes.Desired,
                MaxSize = Settings.Nodes.Max,
            },
            KubernetesProviderName = ClusterProvider.LogicalName,
        });
        if (PolicyLogs)
        {
            GkeNetworkLogging.Create(graph, gke);
        }

        graph.AddOutput("clusterName", gke.Cluster.Output("name", Settings.Name));
        graph.AddOutput("clusterEndpoint", gke.Cluster.Output("endpoint"));
        return new StackCluster(gke.KubernetesProvider, new WorkloadIdentityTierIdentities(gke), null)
        {
            WebhookAccess = gke.WebhookFirewall is { } firewall ? [firewall] : [],
        };
    }
}
