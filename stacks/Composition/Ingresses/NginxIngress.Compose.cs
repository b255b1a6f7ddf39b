using Palisade.Components.Graph;
using Palisade.Components.Ingress;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Composition;

namespace Palisade.Stacks.Platform;

internal sealed partial record NginxIngress
{
    protected override (IngressStyle Style, IReadOnlyList<Resource> DependsOn) Install(ResourceGraph graph, StackCluster cluster, IReadOnlyList<TieredApp> exposed)
    {
        IReadOnlyList<Resource> dependsOn = Installs
            ? [F5NginxIngressController.Create(graph, graph.Root, Namespace, ServiceAnnotations, cluster.KubernetesProvider, cluster.PlatformBaselines)]
            : [];
        return (new NginxOrgStyle(F5NginxIngressController.ClassName), dependsOn);
    }
}
