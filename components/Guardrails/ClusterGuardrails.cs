using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Guardrails;

internal sealed record ClusterGuardrailsArgs(GuardrailArgs Guardrails, ClusterPolicyApi Api, Resource Provider, IReadOnlyList<Resource> DependsOn);

/// <summary>
/// The guardrails as cluster policies of the API the cluster serves, one object each (component
/// <c>palisade:k8s:Guardrails</c>). They depend on the tenant namespaces, so no tenant pod runs before they hold.
/// </summary>
internal sealed class ClusterGuardrails
{
    public const string ComponentType = "palisade:k8s:Guardrails";

    private ClusterGuardrails(Component component, IReadOnlyList<ClusterNetworkPolicy> policies)
    {
        Component = component;
        Policies = policies;
    }

    public Component Component { get; }

    /// <summary>The emitted policies, as the analysis reads them back.</summary>
    public IReadOnlyList<ClusterNetworkPolicy> Policies { get; }

    public static ClusterGuardrails Create(ResourceGraph graph, Component parent, ClusterGuardrailsArgs args)
    {
        var component = graph.AddComponent(parent, ComponentType, "guardrails");
        var policies = GuardrailPolicies.Build(args.Guardrails, args.Api.ReadAs);
        var options = new ResourceOptions { Provider = args.Provider, DependsOn = args.DependsOn };
        foreach (var policy in policies)
        {
            KubernetesObjectGroup.Add(graph, component, $"guardrail-{policy.Name[GuardrailPolicies.Prefix.Length..]}", args.Api.ApiVersion,
                ClusterPolicyApi.Kind, KubernetesProperties.Metadata(policy.Name, labels: NetworkPolicyResource.ManagedLabels), args.Api.Spec(policy), options);
        }

        return new ClusterGuardrails(component, policies);
    }
}
