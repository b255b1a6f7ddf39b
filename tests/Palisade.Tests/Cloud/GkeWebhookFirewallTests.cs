using Palisade.Components.Gcp;
using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Stacks.Composition;
using Palisade.Stacks.Config;
using Palisade.Stacks.Platform;

namespace Palisade.Tests.Cloud;

/// <summary>A private GKE control plane reaches the installed controllers' admission webhooks through a firewall rule of the stack.</summary>
public class GkeWebhookFirewallTests
{
    private static ResourceGraph Compose(string fixture) =>
        TestApps.Compose(StackConfigParser.ParseFile("gke", "Pulumi.gke.yaml", fixture)).Graph;

    private static string Shipped => File.ReadAllText(CloudStacks.GkeFixture);

    /// <summary>The GKE fixture with the community controller, whose chart installs a validating webhook on 8443.</summary>
    private static string Fixture => Shipped.Replace("  palisade:ingress: nginx\n  palisade:unenforcedLimits:\n    - connections\n",
        "  palisade:ingress: ingress-nginx\n", StringComparison.Ordinal);

    [Fact]
    public void The_maintained_nginx_controller_has_no_webhook_so_no_rule_is_made()
    {
        Assert.Contains("palisade:ingress: nginx\n", Shipped, StringComparison.Ordinal);
        Assert.DoesNotContain(Compose(Shipped).Resources, r => r.Type == GcpTypes.Firewall);
    }

    [Fact]
    public void The_control_plane_range_reaches_the_ingress_nginx_webhook_port_on_the_nodes_tag()
    {
        var graph = Compose(Fixture);
        var firewall = graph.Resource("gke-webhook-firewall");
        Assert.Equal(GcpTypes.Firewall, firewall.Type);
        Assert.Equal(new StringValue("INGRESS"), firewall.Prop("direction"));
        Assert.Equal(ListValue.Of("172.16.0.0/28"), firewall.Prop("sourceRanges"));
        Assert.Equal(new StringValue("tcp"), firewall.Prop("allows.0.protocol"));
        Assert.Equal(ListValue.Of(IngressNginx.AdmissionWebhookPort.ToString(System.Globalization.CultureInfo.InvariantCulture)), firewall.Prop("allows.0.ports"));
        Assert.Single(((ListValue)firewall.Prop("allows")).Items);
        Assert.Equal(new StringValue("palisade-gke-webhooks"), firewall.Prop("name"));

        var network = Assert.IsType<OutputRef>(firewall.Prop("network"));
        Assert.Equal(("gke-cluster", "network"), (network.Resource.LogicalName, network.Path));

        var pool = graph.Resource("gke-nodes");
        Assert.Equal(ListValue.Of("palisade-gke-nodes"), pool.Prop("nodeConfig.tags"));
        Assert.Equal(pool.Prop("nodeConfig.tags"), firewall.Prop("targetTags"));
    }

    [Fact]
    public void Every_ingress_waits_for_the_firewall_rule()
    {
        var graph = Compose(Fixture);
        var firewall = graph.Resource("gke-webhook-firewall");
        var ingresses = graph.Resources.Where(r => r.Type == KubernetesTypes.Ingress).ToList();
        Assert.NotEmpty(ingresses);
        Assert.All(ingresses, i => Assert.Contains(firewall, i.Options.DependsOn));
    }

    [Fact]
    public void Public_nodes_need_no_rule_and_the_ingresses_wait_only_for_the_controller()
    {
        var graph = Compose(Fixture.Replace("palisade:privateNodes: true", "palisade:privateNodes: false", StringComparison.Ordinal)
            .Replace("  palisade:masterCidr: 172.16.0.0/28\n", "", StringComparison.Ordinal));
        Assert.DoesNotContain(graph.Resources, r => r.Type == GcpTypes.Firewall);
        Assert.All(graph.Resources.Where(r => r.Type == KubernetesTypes.Ingress),
            i => Assert.Equal(["ingress-nginx"], i.Options.DependsOn.Select(d => d.LogicalName)));
    }

    [Fact]
    public void The_rule_opens_the_union_of_the_webhook_ports_it_is_given_once_each()
    {
        var graph = new ResourceGraph("p", "s");
        var gcp = GcpProvider.Create(graph, graph.Root, "proj", "europe-west1");
        var gke = GkeCluster.Create(graph, graph.Root, "c1", gcp, new GkeClusterArgs
        {
            Project = "proj",
            Region = "europe-west1",
            MasterCidr = "172.16.0.16/28",
            MasterAuthorizedCidrs = ["203.0.113.0/24"],
            AdmissionWebhookPorts = [9443, 8443, 9443],
        });
        var firewall = Assert.IsType<Resource>(gke.WebhookFirewall);
        Assert.Equal(ListValue.Of("8443", "9443"), firewall.Prop("allows.0.ports"));
        Assert.Equal(ListValue.Of("172.16.0.16/28"), firewall.Prop("sourceRanges"));
    }

    [Fact]
    public void Only_a_controller_the_stack_installs_contributes_webhook_ports()
    {
        var existing = StackPlatform.Read(StackConfigParser.ParseFile("t", "Pulumi.t.yaml",
            "config:\n  palisade:apps: [voting]\n  palisade:ingress: nginx\n  palisade:domain: example.com\n"));
        Assert.Empty(existing.Ingress!.AdmissionWebhookPorts);
        var gke = StackPlatform.Read(StackConfigParser.ParseFile("gke", "Pulumi.gke.yaml", Fixture));
        Assert.Equal([IngressNginx.AdmissionWebhookPort], gke.Ingress!.AdmissionWebhookPorts);
        Assert.Empty(StackPlatform.Read(CloudStacks.Config("gke")).Ingress!.AdmissionWebhookPorts);
    }
}
