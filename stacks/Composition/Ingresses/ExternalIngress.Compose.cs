using Palisade.Components.Graph;
using Palisade.Components.Ingress;
using Palisade.Stacks.Composition;

namespace Palisade.Stacks.Platform;

public sealed partial record ExternalIngress
{
    protected override (IngressStyle Style, IReadOnlyList<Resource> DependsOn) Install(ResourceGraph graph, StackCluster cluster) =>
        (new ExternalIngressStyle(ClassName), []);
}
