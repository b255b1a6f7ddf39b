using Palisade.Components.Graph;
using Palisade.Components.Ingress;
using Palisade.Stacks.Composition;

namespace Palisade.Stacks.Platform;

public sealed partial record IngressNginx
{
    protected override (IngressStyle Style, IReadOnlyList<Resource> DependsOn) Install(ResourceGraph graph, StackCluster cluster)
    {
        IReadOnlyList<Resource> dependsOn = Installs
            ? [NginxIngressController.Create(graph, graph.Root, Namespace, cluster.KubernetesProvider, cluster.PlatformBaselines)]
            : [];
        return (new NginxIngressStyle(Limits.RequestsPerSecond, Limits.Connections, Limits.BodySize), dependsOn);
    }
}
