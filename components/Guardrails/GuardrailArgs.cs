using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Guardrails;

/// <summary>A tier whose pods may reach its cloud identity endpoint, which the guardrails deny every other pod.</summary>
public sealed record IdentityTier(string App, string Tier, string Namespace, IReadOnlyDictionary<string, string> PodLabels, IdentityEndpoint Endpoint);

/// <summary>Traffic from a tenant namespace to a platform service the stack does not own, on the service's declared ports.</summary>
public sealed record ServiceAccess(string FromNamespace, PlatformService Service, IReadOnlyList<ContainerPort> Ports);

/// <summary>
/// What the platform's guardrails protect. Tenants are the namespaces the stack's apps run in; system namespaces
/// (kube-system, monitoring) are closed to them except the resolver on 53; tenant namespaces reach each other only
/// along the declared flows (From -> To); platform services only on the ports their callers declare.
/// </summary>
public sealed record GuardrailArgs
{
    /// <summary>The namespaces the stack's apps run in.</summary>
    public required IReadOnlyList<string> TenantNamespaces { get; init; }

    /// <summary>Tenant-to-tenant namespace pairs the apps declare flows along; every other pair is denied.</summary>
    /// <remarks>Default: none — tenants never reach each other.</remarks>
    public IReadOnlyCollection<(string From, string To)> DeclaredNamespaceFlows { get; init; } = [];

    /// <summary>Namespaces closed to tenants except the resolver on 53.</summary>
    /// <remarks>Default: <c>kube-system</c>.</remarks>
    public IReadOnlyList<string> SystemNamespaces { get; init; } = ["kube-system"];

    /// <summary>The resolver tenants may reach.</summary>
    /// <remarks>Default: kube-dns.</remarks>
    public DnsResolver Dns { get; init; } = DnsResolver.KubeDns;

    /// <summary>Tiers that may reach their identity endpoint, which every other pod is denied.</summary>
    /// <remarks>Default: none.</remarks>
    public IReadOnlyList<IdentityTier> IdentityTiers { get; init; } = [];

    /// <summary>Platform services tenants may reach, on their declared ports only.</summary>
    /// <remarks>Default: none.</remarks>
    public IReadOnlyList<ServiceAccess> Services { get; init; } = [];
}
