using Palisade.Components.Graph;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Ingress;

/// <summary>
/// Where one Ingress is emitted: its app, namespace and name, the routes it carries and the edge limits they share
/// (routes with different limits get Ingresses of their own), so a kind can emit what enforces them next to it.
/// </summary>
internal sealed record IngressSite(
    ResourceGraph Graph,
    Component Parent,
    string AppName,
    string Namespace,
    Value NamespaceRef,
    string Name,
    AppIngressSpec Ingress,
    IReadOnlyList<IngressRouteSpec> Routes,
    EdgeLimits Limits,
    Resource KubernetesProvider,
    IReadOnlyList<Resource> DependsOn);

/// <summary>What a kind compiles an Ingress's limits to: annotations on it, and resources it refers to (created first).</summary>
internal sealed record IngressEdge(IReadOnlyDictionary<string, Value> Annotations, IReadOnlyList<Resource> Resources)
{
    public static IngressEdge Of(IReadOnlyDictionary<string, Value> annotations) => new(annotations, []);
}

/// <summary>The controller-specific part of an Ingress: its class, and how its edge limits are enforced.</summary>
internal abstract record IngressStyle(string ClassName)
{
    /// <summary>The kubernetes.io/tls Secret (in each Ingress's namespace) the controller serves the host with, if any.</summary>
    public string? TlsSecretName { get; init; }

    public abstract IngressEdge Edge(IngressSite site);

    /// <summary>What makes the controller redirect HTTP to HTTPS on an Ingress with TLS (explicit, so it can be read back).</summary>
    public virtual IReadOnlyDictionary<string, Value> TlsRedirect => new Dictionary<string, Value>();
}
