using Palisade.Components.Gcp;
using Palisade.Components.Graph;
using Palisade.Components.Identity;
using Palisade.Stacks.Composition;

namespace Palisade.Stacks.Platform;

internal sealed partial record GkeCloud
{
    public override StackCluster Compose(ResourceGraph graph, StackPlatform platform)
    {
        var gcp = GcpProvider.Create(graph, graph.Root, Project, Region);
        var gke = GkeCluster.Create(graph, graph.Root, gcp, new GkeClusterArgs(
            Settings.Name, Project, Region, Settings.KubernetesVersion, Network?.In(graph), Subnetwork?.In(graph),
            Enforcement == GkePolicyEnforcement.Calico ? GkeNetworkPolicyProvider.Calico : GkeNetworkPolicyProvider.DataplaneV2,
            PrivateNodes, MasterCidr, Settings.ApiAccessCidrs,
            Settings.Nodes.NodeType.In(graph), Settings.Nodes.Min, Settings.Nodes.Desired, Settings.Nodes.Max, Settings.DeletionProtection,
            platform.Dns.Name switch
            {
                "cloud-dns" => GkeDns.CloudDns,
                "node-local-dns" => GkeDns.NodeLocalDnsCache,
                _ => GkeDns.KubeDns,
            },
            platform.Ingress?.AdmissionWebhookPorts ?? []));
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
