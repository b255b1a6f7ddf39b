using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.ZeroTrust;

/// <summary>
/// The explicit Kubernetes provider every Kubernetes resource of a stack uses (<c>options.provider</c>), pinned to the
/// kubernetes package version. Built from a cluster's outputs (a kubeconfig) when the stack creates its cluster.
/// </summary>
public static class ClusterProvider
{
    public const string PackageVersion = "4.34.2";
    public const string LogicalName = "k8s";

    /// <param name="logicalName">Default: <c>k8s</c>, the one provider of a stack.</param>
    public static Resource FromKubeconfig(ResourceGraph graph, Component parent, Value kubeconfig, IReadOnlyList<Resource> dependsOn,
        string logicalName = LogicalName) =>
        graph.AddResource(parent, KubernetesTypes.Provider, logicalName,
            new MapBuilder { { "kubeconfig", kubeconfig } },
            new ResourceOptions { Version = PackageVersion, DependsOn = dependsOn });

    public static Resource FromProperties(ResourceGraph graph, Component parent, MapValue properties) =>
        graph.AddResource(parent, KubernetesTypes.Provider, LogicalName, properties, new ResourceOptions { Version = PackageVersion });
}
