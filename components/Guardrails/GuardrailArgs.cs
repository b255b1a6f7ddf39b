using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Guardrails;

/// <summary>A tier whose pods may reach its cloud identity endpoint, which the guardrails deny every other pod.</summary>
internal sealed record IdentityTier(string App, string Tier, string Namespace, IReadOnlyDictionary<string, string> PodLabels, IdentityEndpoint Endpoint);

/// <summary>Traffic from a tenant namespace to a platform service the stack does not own, on the service's declared ports.</summary>
internal sealed record ServiceAccess(string FromNamespace, PlatformService Service, IReadOnlyList<ContainerPort> Ports);

/// <summary>
/// What the platform's guardrails protect. Tenants are the namespaces the stack's apps run in; system namespaces
/// (kube-system, monitoring) are closed to them except the resolver on 53; tenant namespaces reach each other only
/// along the declared flows (From -> To); platform services only on the ports their callers declare.
/// </summary>
internal sealed record GuardrailArgs(
    IReadOnlyList<string> TenantNamespaces,
    IReadOnlyCollection<(string From, string To)> DeclaredNamespaceFlows,
    IReadOnlyList<string> SystemNamespaces,
    DnsResolver Dns,
    IReadOnlyList<IdentityTier> IdentityTiers,
    IReadOnlyList<ServiceAccess> Services);
