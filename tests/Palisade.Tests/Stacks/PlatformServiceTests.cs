using Palisade.Components.Diagnostics;
using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Composition;
using Palisade.Stacks.Platform;
using Palisade.Tests.Cloud;

namespace Palisade.Tests.Stacks;

public class PlatformServiceTests
{
    private const string Stack = "config:\n  palisade:apps: [voting]\n  palisade:platformServices:\n    keycloak:\n      namespace: keycloak\n" +
                                 "      podLabels:\n        app.kubernetes.io/name: keycloak\n      ports: [TCP/8443, 8080]\n";

    private static AppSpec App(params ServiceFlowSpec[] flows) => new(
        "shop", [new TierSpec("api", "shop", [new ContainerPort(8080, Name: "http")])], [], [], "ShopApp.cs") { ServiceFlows = flows };

    [Fact]
    public void A_platform_service_is_read_with_its_namespace_labels_and_ports()
    {
        var service = Assert.Single(StackPlatform.Read(CloudStacks.Parse(Stack)).Services);

        Assert.Equal("keycloak", service.Name);
        Assert.Equal("keycloak", service.Namespace);
        Assert.Equal("keycloak", service.Peer.PodLabels["app.kubernetes.io/name"]);
        Assert.Equal([new ContainerPort(8443), new ContainerPort(8080)], service.Ports);
    }

    [Theory]
    [InlineData("      ports: [TCP/8443, 8080]\n", "      ports: [HTTP/8443]\n", "is not a port")]
    [InlineData("      ports: [TCP/8443, 8080]\n", "      ports: [70000]\n", "is not a port")]
    [InlineData("      ports: [TCP/8443, 8080]\n", "      ports: []\n", "ports: missing or empty")]
    [InlineData("        app.kubernetes.io/name: keycloak\n", "        bad key!: keycloak\n", "podLabels: label key 'bad key!' is not valid")]
    [InlineData("      namespace: keycloak\n", "      namespace: Key_Cloak\n", "namespace: missing or not a valid namespace name")]
    [InlineData("      namespace: keycloak\n", "      namespace: keycloak\n      replicas: 2\n", "unknown field 'replicas'")]
    public void Bad_service_declarations_name_the_key_and_the_field(string line, string replacement, string problem)
    {
        var error = Assert.Throws<InputError>(() => StackPlatform.Read(CloudStacks.Parse(Stack.Replace(line, replacement, StringComparison.Ordinal))));

        Assert.Equal("Pulumi.t.yaml: palisade:platformServices", error.Location);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_flow_to_a_platform_service_is_an_egress_rule_to_its_pods_and_no_ingress_in_a_namespace_the_stack_does_not_own()
    {
        var platform = StackPlatform.Read(CloudStacks.Parse(Stack));
        var app = App(new ServiceFlowSpec("api", "keycloak", 8443));
        var graph = new ResourceGraph("palisade", "t");
        var provider = graph.AddResource(graph.Root, KubernetesTypes.Provider, "k8s", MapValue.Empty);
        var namespaces = StackNamespaces.Create(graph, CloudStacks.Parse(Stack), platform, provider, [app]);

        var tiered = TieredApp.Create(graph, graph.Root, new TieredAppArgs { App = app, Provider = provider, Platform = platform.Peers, Namespaces = namespaces });

        var egress = tiered.Policies.Single(p => p.Name == "shop-api-egress").Policy.Egress!.Single();
        var peer = egress.Peers!.Single();
        Assert.Equal("keycloak", peer.NamespaceSelector!.MatchLabels[WellKnownLabels.NamespaceName]);
        Assert.Equal("keycloak", peer.PodSelector!.MatchLabels["app.kubernetes.io/name"]);
        Assert.Equal(8443, egress.Ports!.Single().Port!.Value.Number);
        Assert.DoesNotContain(tiered.Policies, p => p.Namespace == "keycloak");
        var assumption = Assert.Single(Assumption.For(platform, [tiered], namespaces.Keys.ToList()), a => a.Subject == "platform service keycloak");
        Assert.Contains("its own policies must admit shop/api on TCP/8443", assumption.Statement);
    }

    [Fact]
    public void A_platform_service_in_a_namespace_the_stack_owns_is_admitted_there_too()
    {
        var owned = Stack.Replace("namespace: keycloak", "namespace: shop", StringComparison.Ordinal);
        var platform = StackPlatform.Read(CloudStacks.Parse(owned));
        var app = App(new ServiceFlowSpec("api", "keycloak", 8080));
        var graph = new ResourceGraph("palisade", "t");
        var provider = graph.AddResource(graph.Root, KubernetesTypes.Provider, "k8s", MapValue.Empty);
        var namespaces = StackNamespaces.Create(graph, CloudStacks.Parse(owned), platform, provider, [app]);

        var tiered = TieredApp.Create(graph, graph.Root, new TieredAppArgs { App = app, Provider = provider, Platform = platform.Peers, Namespaces = namespaces });

        var admission = tiered.Policies.Single(p => p.Name == "shop-api-to-keycloak").Policy;
        Assert.Equal("shop", admission.Namespace);
        Assert.Equal("keycloak", admission.PodSelector.MatchLabels["app.kubernetes.io/name"]);
        Assert.Equal(8080, admission.Ingress!.Single().Ports!.Single().Port!.Value.Number);
        Assert.DoesNotContain(Assumption.For(platform, [tiered], namespaces.Keys.ToList()), a => a.Subject.StartsWith("platform service", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("vault", 8200, "the stack declares no platform service 'vault'")]
    [InlineData("keycloak", 9000, "platform service 'keycloak' serves no TCP/9000")]
    public void A_flow_to_an_undeclared_service_or_port_is_refused_naming_the_app_source(string service, int port, string problem)
    {
        var config = CloudStacks.Parse(Stack);
        var error = Assert.Throws<InputError>(() => ServiceFlows.Validate(config, StackPlatform.Read(config), App(new ServiceFlowSpec("api", service, port))));

        Assert.StartsWith("ShopApp.cs: flow api -> platform service", error.Location, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message);
    }
}
