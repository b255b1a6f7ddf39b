using Palisade.Components.Graph;
using Palisade.Components.Ingress;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Tests.ZeroTrust;

namespace Palisade.Tests.Components;

public class TieredAppNamingTests
{
    private static AppSpec App(string name) => new(
        name,
        [
            new TierSpec("web", $"{name}-web", [new ContainerPort(8080, Name: "http")]) { ExposedPort = "http", HealthPath = "/healthz" },
            new TierSpec("api", $"{name}-api", [new ContainerPort(3000, Name: "http")]),
        ],
        [new FlowSpec("web", "api", "http")],
        [],
        $"{name}.cs");

    private static (ResourceGraph Graph, Resource Provider, Dictionary<string, ZeroTrustNamespace> Namespaces) Stack(params AppSpec[] apps)
    {
        var graph = new ResourceGraph("palisade", "test");
        var provider = graph.AddResource(graph.Root, KubernetesTypes.Provider, "k8s", MapValue.Empty);
        var namespaces = apps.SelectMany(a => a.Namespaces).Distinct().ToDictionary(ns => ns, ns => ZeroTrustNamespace.Create(graph, graph.Root,
            new ZeroTrustNamespaceArgs { Name = ns, Provider = provider, Labels = Labels.Of(("app.kubernetes.io/part-of", ns)) }));
        return (graph, provider, namespaces);
    }

    [Fact]
    public void Two_apps_with_the_same_tier_names_do_not_collide()
    {
        var (graph, provider, namespaces) = Stack(App("shop"), App("blog"));
        var shop = TieredApp.Create(graph, graph.Root, new TieredAppArgs { App = App("shop"), Provider = provider, Platform = SampleApp.Platform, Namespaces = namespaces });
        var blog = TieredApp.Create(graph, graph.Root, new TieredAppArgs { App = App("blog"), Provider = provider, Platform = SampleApp.Platform, Namespaces = namespaces });

        var shopNames = shop.Component.DescendantResources().Select(r => r.LogicalName).ToList();
        var blogNames = blog.Component.DescendantResources().Select(r => r.LogicalName).ToList();
        Assert.Equal(shopNames.Count, blogNames.Count);
        Assert.Contains("shop-web-sa", shopNames);
        Assert.Contains("blog-web-sa", blogNames);
        Assert.Contains("blog-api-ingress", blogNames);
        Assert.Empty(shopNames.Intersect(blogNames));
    }

    [Fact]
    public void Logical_names_start_with_the_components_name_and_kubernetes_names_stay_the_apps()
    {
        var (graph, provider, namespaces) = Stack(App("shop"));
        var app = TieredApp.Create(graph, graph.Root, "shop-v2", new TieredAppArgs { App = App("shop"), Provider = provider, Namespaces = namespaces });

        Assert.All(app.Component.DescendantResources(), r => Assert.StartsWith("shop-v2-", r.LogicalName, StringComparison.Ordinal));
        var ingress = graph.Resources.Single(r => r.LogicalName == "shop-v2-api-ingress");
        Assert.Equal(new StringValue("shop-api-ingress"), ((MapValue)ingress.Properties["metadata"]!)["name"]);
        // Without platform peers nothing but kube-dns is admitted: the exposed web tier gets no ingress-controller allowance.
        Assert.DoesNotContain(graph.Resources, r => r.LogicalName.EndsWith("from-ingress-controller", StringComparison.Ordinal));
    }

    [Fact]
    public void The_apps_ingresses_and_middlewares_take_their_logical_names_from_the_component()
    {
        var spec = App("shop") with
        {
            Ingress = new AppIngressSpec("shop", [new IngressRouteSpec("/", "web"), new IngressRouteSpec("/upload", "web") { Limits = EdgeLimits.Default with { BodyBytes = 50 * EdgeLimits.Mebibyte } }]),
        };
        var (graph, provider, namespaces) = Stack(spec);
        var app = TieredApp.Create(graph, graph.Root, "shop-v2", new TieredAppArgs { App = spec, Provider = provider, Namespaces = namespaces });
        AppIngress.Create(graph, app, new TraefikIngressStyle(), "example.com", provider, []);

        var ingresses = graph.Resources.Where(r => r.Type == KubernetesTypes.Ingress).ToList();
        Assert.Equal(["shop-v2-shop-web-ingress", "shop-v2-upload-shop-web-ingress"], ingresses.Select(r => r.LogicalName).Order(StringComparer.Ordinal));
        Assert.Equal(["shop", "shop-upload"], ingresses.Select(r => ((StringValue)((MapValue)r.Properties["metadata"]!)["name"]!).Text).Order(StringComparer.Ordinal));
        Assert.All(app.Component.DescendantResources(), r => Assert.StartsWith("shop-v2-", r.LogicalName, StringComparison.Ordinal));
    }
}
