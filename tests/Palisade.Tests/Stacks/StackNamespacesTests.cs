using Palisade.Components.Diagnostics;
using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Composition;
using Palisade.Stacks.Platform;
using Palisade.Tests.Cloud;

namespace Palisade.Tests.Stacks;

public class StackNamespacesTests
{
    private static AppSpec App(string name, string ns, string tier = "db") => new(
        name,
        [new TierSpec(tier, ns, [new ContainerPort(5432, Name: "postgres")], Stateful: true), new TierSpec("api", $"{name}-api", [new ContainerPort(8080, Name: "http")])],
        [new FlowSpec("api", tier, "postgres")],
        [],
        $"{name}.cs");

    private static (ResourceGraph Graph, IReadOnlyDictionary<string, ZeroTrustNamespace> Namespaces) Create(string yaml, params AppSpec[] apps)
    {
        var config = CloudStacks.Parse(yaml);
        var graph = new ResourceGraph("palisade", "t");
        var provider = graph.AddResource(graph.Root, KubernetesTypes.Provider, "k8s", MapValue.Empty);
        return (graph, StackNamespaces.Create(graph, config, StackPlatform.Read(config), provider, apps));
    }

    [Fact]
    public void Two_apps_in_one_namespace_share_one_namespace_and_one_baseline()
    {
        var (graph, namespaces) = Create("config:\n  palisade:apps: [voting]\n", App("dev", "data"), App("prod", "data"));

        Assert.Equal(["data", "dev-api", "prod-api"], namespaces.Keys);
        Assert.Single(graph.Resources, r => r.Type == KubernetesTypes.Namespace && r.LogicalName.Contains("data", StringComparison.Ordinal));
        Assert.Equal([ZeroTrustNamespace.DefaultDenyName, ZeroTrustNamespace.AllowDnsName], namespaces["data"].Policies.Select(p => p.Name));
        var labels = (MapValue)((MapValue)namespaces["data"].Namespace.Properties["metadata"]!)["labels"]!;
        Assert.Null(labels[WellKnownLabels.PartOf]);

        var peers = CloudStacks.Parse("config:\n  palisade:apps: [voting]\n");
        var shared = new[] { App("dev", "data"), App("prod", "data") }
            .Select(a => TieredApp.Create(graph, graph.Root, new TieredAppArgs { App = a, Provider = graph.Resources[0], Platform = StackPlatform.Read(peers).Peers, Namespaces = namespaces }))
            .ToList();
        Assert.Equal(["dev-db-ingress", "prod-db-ingress"], shared.SelectMany(a => a.Policies).Where(p => p.Namespace == "data").Select(p => p.Name));
    }

    [Theory]
    [InlineData("kube-system", "a Kubernetes system namespace")]
    [InlineData("nginx-ingress", "the namespace of the nginx ingress controller")]
    [InlineData("monitoring", "the namespace of monitoring")]
    public void An_app_never_takes_over_a_namespace_the_platform_owns(string ns, string owner)
    {
        const string stack = "config:\n  palisade:apps: [voting]\n  palisade:kubeContext: c\n  palisade:ingress: nginx\n  palisade:domain: example.com\n" +
                             "  palisade:monitoringNamespace: monitoring\n";
        var error = Assert.Throws<InputError>(() => Create(stack, App("shop", ns)));

        Assert.Equal("shop.cs: tier 'db'", error.Location);
        Assert.Contains($"app 'shop' runs a tier in '{ns}', {owner}, which the stack does not own", error.Message);
    }
}
