using Palisade.Components.Graph;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Ingress;

/// <summary>
/// Where one Ingress is emitted: its app, namespace and name, the routes it carries and the edge limits they share
/// (routes with different limits get Ingresses of their own), so a kind can emit what enforces them next to it.
/// </summary>
public sealed record IngressSite
{
    public required ResourceGraph Graph { get; init; }

    /// <summary>The app's component, which the kind's resources join.</summary>
    public required Component Parent { get; init; }

    public required string AppName { get; init; }
    public required string Namespace { get; init; }
    public required Value NamespaceRef { get; init; }

    /// <summary>The Ingress's Kubernetes name.</summary>
    public required string Name { get; init; }

    public required AppIngressSpec Ingress { get; init; }
    public required IReadOnlyList<IngressRouteSpec> Routes { get; init; }
    public required EdgeLimits Limits { get; init; }
    public required Resource KubernetesProvider { get; init; }

    /// <summary>What the Ingress and the kind's resources wait for (the controller, webhook access).</summary>
    /// <remarks>Default: nothing.</remarks>
    public IReadOnlyList<Resource> DependsOn { get; init; } = [];

    /// <summary>What the logical names of the Ingress and the kind's resources start with.</summary>
    /// <remarks>Default: <see cref="Name"/>.</remarks>
    public string? LogicalStem { get; init; }

    public string Stem => LogicalStem ?? Name;
}

/// <summary>What a kind compiles an Ingress's limits to: annotations on it, and resources it refers to (created first).</summary>
public sealed record IngressEdge(IReadOnlyDictionary<string, Value> Annotations, IReadOnlyList<Resource> Resources)
{
    public static IngressEdge Of(IReadOnlyDictionary<string, Value> annotations) => new(annotations, []);
}

/// <summary>The controller-specific part of an Ingress: its class, and how its edge limits are enforced.</summary>
public abstract record IngressStyle(string ClassName)
{
    /// <summary>The kubernetes.io/tls Secret (in each Ingress's namespace) the controller serves the host with, if any.</summary>
    public string? TlsSecretName { get; init; }

    public abstract IngressEdge Edge(IngressSite site);

    /// <summary>What makes the controller redirect HTTP to HTTPS on an Ingress with TLS (explicit, so it can be read back).</summary>
    public virtual IReadOnlyDictionary<string, Value> TlsRedirect => new Dictionary<string, Value>();
}
