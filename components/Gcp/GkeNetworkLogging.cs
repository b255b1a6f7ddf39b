using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Gcp;

/// <summary>
/// GKE Dataplane V2 network policy logging: the cluster's <c>networking.gke.io/v1alpha1</c> NetworkLogging object,
/// which must be named <c>default</c>, logging allowed and denied connections for every policy (<c>delegate: false</c>).
/// GKE creates that object itself, so it is written through a provider of its own with <c>upsertExistingObjects</c>
/// (a plain create fails with AlreadyExists from pulumi-kubernetes 4.29) and kept on destroy (<c>retainOnDelete</c>).
/// </summary>
public static class GkeNetworkLogging
{
    public const string ApiVersion = "networking.gke.io/v1alpha1";
    public const string Kind = "NetworkLogging";
    public const string Name = "default";
    /// <summary>The upsert provider's logical name: the cluster's Kubernetes provider's, with <c>-upsert</c>.</summary>
    public static string ProviderName(GkeCluster cluster) => $"{cluster.KubernetesProvider.LogicalName}-upsert";

    public static Resource Create(ResourceGraph graph, GkeCluster cluster)
    {
        var provider = graph.AddResource(cluster.Component, KubernetesTypes.Provider, ProviderName(cluster), new MapBuilder
        {
            { "kubeconfig", cluster.KubernetesProvider.Properties["kubeconfig"] },
            { "upsertExistingObjects", true },
        }, new ResourceOptions { Version = ClusterProvider.PackageVersion, DependsOn = cluster.NodePool is { } pool ? [pool] : [] });

        var decision = new MapBuilder { { "log", true }, { "delegate", false } }.Build();
        return KubernetesObjectGroup.Add(graph, cluster.Component, cluster.Component.ChildName("network-logging"), ApiVersion, Kind,
            KubernetesProperties.Metadata(Name),
            new MapBuilder { { "cluster", new MapBuilder { { "allow", decision }, { "deny", decision } }.Build() } },
            new ResourceOptions { Provider = provider, RetainOnDelete = true });
    }
}
