using Palisade.Components.Graph;
using Palisade.Components.Ingress;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Composition;

namespace Palisade.Stacks.Platform;

internal sealed partial record ExternalIngress
{
    protected override (IngressStyle Style, IReadOnlyList<Resource> DependsOn) Install(ResourceGraph graph, StackCluster cluster, IReadOnlyList<TieredApp> exposed) =>
        (ControllerKind?.External?.Style(ClassName) ?? new ExternalIngressStyle(ClassName), []);
}
