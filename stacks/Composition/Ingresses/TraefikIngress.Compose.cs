using Palisade.Components.Graph;
using Palisade.Components.Ingress;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Composition;

namespace Palisade.Stacks.Platform;

internal sealed partial record TraefikIngress
{
    protected override (IngressStyle Style, IReadOnlyList<Resource> DependsOn) Install(ResourceGraph graph, StackCluster cluster, IReadOnlyList<TieredApp> exposed) =>
        (new TraefikIngressStyle(), [TraefikController.Create(graph, graph.Root, Namespace, cluster.KubernetesProvider)]);
}
