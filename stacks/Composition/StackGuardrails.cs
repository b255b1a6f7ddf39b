using Palisade.Components.Graph;
using Palisade.Components.Guardrails;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Platform;

namespace Palisade.Stacks.Composition;

/// <summary>
/// The stack's guardrails: what they protect (from the apps and the platform model), how the target enforces them,
/// and the cluster policies emitted for it (none when the target has no cluster tier).
/// </summary>
public sealed record StackGuardrails(GuardrailEnforcement Enforcement, GuardrailArgs Args, IReadOnlyList<ClusterNetworkPolicy> Policies)
{
    public const string KubeSystem = "kube-system";

    public static StackGuardrails Compose(ResourceGraph graph, StackPlatform platform, Resource provider, IReadOnlyList<AppSpec> apps,
        IReadOnlyCollection<string> tenantNamespaces)
    {
        var args = Protecting(platform, apps, tenantNamespaces);
        if (platform.Cloud.Guardrails is not GuardrailEnforcement.ClusterTier tier)
        {
            return new StackGuardrails(platform.Cloud.Guardrails, args, []);
        }

        var emitted = ClusterGuardrails.Create(graph, graph.Root, new ClusterGuardrailsArgs(args, tier.Api, provider, []));
        return new StackGuardrails(tier, args, emitted.Policies);
    }

    public static GuardrailArgs Protecting(StackPlatform platform, IReadOnlyList<AppSpec> apps, IReadOnlyCollection<string> tenantNamespaces)
    {
        var tenants = tenantNamespaces.Order(StringComparer.Ordinal).ToList();
        var flows = new HashSet<(string From, string To)>();
        var services = new List<ServiceAccess>();
        var identities = new List<IdentityTier>();
        foreach (var app in apps)
        {
            foreach (var flow in app.Flows)
            {
                flows.Add((app.Tier(flow.From).Namespace, app.Tier(flow.To).Namespace));
            }

            foreach (var flow in app.ServiceFlows)
            {
                var service = platform.Services.First(s => s.Name == flow.Service);
                var from = app.Tier(flow.From).Namespace;
                flows.Add((from, service.Namespace));
                services.Add(new ServiceAccess(from, service, service.Port(flow.Port, flow.Protocol) is { } port ? [port] : []));
            }

            if (platform.Cloud.IdentityEndpoint is { } endpoint)
            {
                identities.AddRange(app.Tiers.Where(t => t.Identity is not null)
                    .Select(t => new IdentityTier(app.Name, t.Name, t.Namespace, app.PodLabels(t), endpoint)));
            }
        }

        var system = new List<string> { KubeSystem };
        if (platform.Monitoring is { } monitoring)
        {
            system.Add(monitoring.Namespace);
        }

        return new GuardrailArgs
        {
            TenantNamespaces = tenants,
            DeclaredNamespaceFlows = flows,
            SystemNamespaces = system,
            Dns = platform.Dns,
            IdentityTiers = identities,
            Services = services,
        };
    }

    /// <summary>What the plan says about the guardrails and flow logging.</summary>
    public IEnumerable<Assumption> Assumptions(StackPlatform platform)
    {
        yield return Enforcement switch
        {
            GuardrailEnforcement.ClusterTier tier => new Assumption("guardrails",
                $"{Policies.Count} Admin-tier cluster policies enforced by {tier.Api.Enforcer}, evaluated before every NetworkPolicy, so no tenant policy can open what they deny (metadata, system namespaces, undeclared cross-namespace traffic); the proof analyses them and again with an allow-all policy added in every tenant namespace"),
            GuardrailEnforcement.Namespaced namespaced => new Assumption("guardrails",
                $"WARNING: namespaced NetworkPolicies only, because {namespaced.Why}: a NetworkPolicy a tenant adds in its own namespace can widen them (open metadata, system namespaces or other tenants)"),
            _ => throw new InvalidOperationException($"unknown guardrail enforcement {Enforcement}"),
        };
        yield return new Assumption("flow logging", platform.Cloud.FlowLogging.Description);
    }
}
