using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Tests.ZeroTrust;

/// <summary>A small two-namespace app for component tests.</summary>
public static class SampleApp
{
    public static AppSpec Define(
        IReadOnlyList<FlowSpec>? flows = null,
        IReadOnlyList<ExternalEgressSpec>? egress = null,
        IReadOnlyList<TierSpec>? tiers = null) => new(
        "shop",
        tiers ??
        [
            new TierSpec("web", "shop-web", [new ContainerPort(8080, Name: "http"), new ContainerPort(9090, Name: "metrics")])
            {
                ExposedPort = "http",
                MetricsPort = "metrics",
            },
            new TierSpec("api", "shop-api", [new ContainerPort(3000, Name: "http")]),
            new TierSpec("worker", "shop-api", [new ContainerPort(7000)]),
            new TierSpec("db", "shop-data", [new ContainerPort(5432, Name: "postgres")], WorkloadKind: "StatefulSet", Stateful: true),
        ],
        flows ??
        [
            new FlowSpec("web", "api", "http"),
            new FlowSpec("api", "db", 5432),
            new FlowSpec("api", "worker", 7000),
        ],
        egress ?? [new ExternalEgressSpec("api", "0.0.0.0/0", ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"], [443])],
        "SampleApp.cs");

    public static PlatformPeers Platform { get; } = new(
        DnsResolver.KubeDns,
        new PlatformPeer("ingress-nginx", Labels.Of(("app.kubernetes.io/name", "ingress-nginx"))),
        new PlatformPeer("monitoring", Labels.Of(("app.kubernetes.io/name", "prometheus"))));

    public static (ResourceGraph Graph, TieredApp App) Create(AppSpec? app = null, bool protect = false)
    {
        var graph = new ResourceGraph("palisade", "test");
        var provider = graph.AddResource(graph.Root, KubernetesTypes.Provider, "k8s", MapValue.Empty);
        var spec = app ?? Define();
        var namespaces = spec.Namespaces.ToDictionary(ns => ns, ns => ZeroTrustNamespace.Create(graph, graph.Root, new ZeroTrustNamespaceArgs
        {
            Name = ns,
            Provider = provider,
            Dns = Platform.Dns,
            Labels = Labels.Of(("app.kubernetes.io/part-of", spec.Name)),
            Protect = protect && spec.Tiers.Any(t => t.Namespace == ns && t.Stateful),
        }));
        var tiered = TieredApp.Create(graph, graph.Root, new TieredAppArgs { App = spec, Provider = provider, Platform = Platform, Namespaces = namespaces });
        return (graph, tiered);
    }
}
