using Palisade.Components.Graph;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Ingress;

/// <summary>
/// An ingress controller the platform team runs (BunkerWeb, Traefik, ...): the Ingresses name its class and carry no
/// controller-specific annotations; Palisade installs nothing.
/// </summary>
internal sealed record ExternalIngressStyle(string ClassName) : IngressStyle(ClassName)
{
    public override IngressEdge Edge(IngressSite site) => IngressEdge.Of(new Dictionary<string, Value>());
}
