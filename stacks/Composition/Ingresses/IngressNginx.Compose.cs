using Palisade.Components.Graph;
using Palisade.Components.Ingress;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Composition;

namespace Palisade.Stacks.Platform;

internal sealed partial record IngressNginx
{
    protected override (IngressStyle Style, IReadOnlyList<Resource> DependsOn) Install(ResourceGraph graph, StackCluster cluster, IReadOnlyList<TieredApp> exposed)
    {
        IReadOnlyList<Resource> dependsOn = Installs
            ? [NginxIngressController.Create(graph, graph.Root, Namespace, cluster.KubernetesProvider, cluster.PlatformBaselines)]
            : [];
        return (new IngressNginxStyle(NginxIngressController.ClassName), dependsOn);
    }
}
