using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Guardrails;

/// <summary>
/// The platform's guardrails as cluster policies of the Admin tier, which the cluster evaluates before any
/// NetworkPolicy, so no tenant policy can open what they deny:
/// <list type="number">
/// <item>identity (priority 100, one per identity tier): Pass to its identity endpoint, so the tier's own rules decide;</item>
/// <item>isolate-&lt;namespace&gt; (priority 105): Pass to the platform services the namespace calls on their ports,
/// then Deny the other tenant namespaces it declares no flow to and those services' namespaces;</item>
/// <item>guardrails (priority 110, every tenant namespace): Accept DNS to the resolver, Deny the link-local range
/// (instance metadata, the GKE metadata server, the Pod Identity agent), Deny the system namespaces.</item>
/// </list>
/// Pure: the same arguments give the same policies in the same order.
/// </summary>
internal static class GuardrailPolicies
{
    public const string Prefix = "palisade-";
    public const int IdentityPriority = 100;
    public const int GuardrailPriority = 110;
    public const int IsolationPriority = 105;

    public static IReadOnlyList<ClusterNetworkPolicy> Build(GuardrailArgs args, ClusterPolicyKind kind)
    {
        if (args.TenantNamespaces.Count == 0)
        {
            return [];
        }

        var policies = new List<ClusterNetworkPolicy>();
        foreach (var tier in args.IdentityTiers.OrderBy(t => t.Namespace, StringComparer.Ordinal).ThenBy(t => t.App, StringComparer.Ordinal)
                     .ThenBy(t => t.Tier, StringComparer.Ordinal))
        {
            policies.Add(new ClusterNetworkPolicy(kind, $"{Prefix}identity-{tier.App}-{tier.Tier}", PolicyTier.Admin, IdentityPriority,
                new ClusterPodSelection(Named([tier.Namespace]), LabelSelector.WithLabels(tier.PodLabels)),
                [],
                [
                    new ClusterPolicyRule("identity-endpoint", PolicyAction.Pass, [new ClusterPeer(Networks: [tier.Endpoint.Cidr])],
                        [new ClusterPort.Number(tier.Endpoint.Protocol, tier.Endpoint.Port)]),
                ]));
        }

        var tenants = args.TenantNamespaces.Distinct().Order(StringComparer.Ordinal).ToList();
        var egress = new List<ClusterPolicyRule> { Dns(args.Dns), new("deny-link-local", PolicyAction.Deny, [new ClusterPeer(Networks: [MetadataAddress.LinkLocalCidr])]) };
        var system = args.SystemNamespaces.Where(ns => !tenants.Contains(ns)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (system.Count > 0)
        {
            egress.Add(new ClusterPolicyRule("deny-system-namespaces", PolicyAction.Deny, [new ClusterPeer(new ClusterPodSelection(Named(system)))]));
        }

        policies.Add(new ClusterNetworkPolicy(kind, $"{Prefix}guardrails", PolicyTier.Admin, GuardrailPriority,
            new ClusterPodSelection(Named(tenants)), [], egress));

        foreach (var ns in tenants)
        {
            var rules = new List<ClusterPolicyRule>();
            var services = args.Services.Where(s => s.FromNamespace == ns && !tenants.Contains(s.Service.Namespace))
                .GroupBy(s => s.Service.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            foreach (var service in services)
            {
                var first = service.First().Service;
                var ports = service.SelectMany(s => s.Ports).Distinct().OrderBy(p => p.Protocol).ThenBy(p => p.Port)
                    .Select(p => (ClusterPort)new ClusterPort.Number(p.Protocol, p.Port)).ToList();
                rules.Add(new ClusterPolicyRule($"service-{first.Name}", PolicyAction.Pass,
                    [new ClusterPeer(new ClusterPodSelection(Named([first.Namespace]), LabelSelector.WithLabels(first.Peer.PodLabels)))], ports));
            }

            var closed = tenants.Where(other => other != ns && !args.DeclaredNamespaceFlows.Contains((ns, other)))
                .Concat(services.Select(s => s.First().Service.Namespace))
                .Where(other => !system.Contains(other))
                .Distinct().Order(StringComparer.Ordinal).ToList();
            if (closed.Count == 0)
            {
                continue;
            }

            rules.Add(new ClusterPolicyRule("deny-other-namespaces", PolicyAction.Deny, [new ClusterPeer(new ClusterPodSelection(Named(closed)))]));
            policies.Add(new ClusterNetworkPolicy(kind, $"{Prefix}isolate-{ns}", PolicyTier.Admin, IsolationPriority,
                new ClusterPodSelection(Named([ns])), [], rules));
        }

        return policies;
    }

    /// <summary>Accept DNS to exactly the stack's resolver: its pods (namespace and pods in one peer) and addresses, UDP and TCP 53.</summary>
    private static ClusterPolicyRule Dns(DnsResolver dns) =>
        new("allow-dns", PolicyAction.Accept,
            dns.Pods.Select(p => new ClusterPeer(new ClusterPodSelection(Named([p.Namespace]), LabelSelector.WithLabels(p.PodLabels))))
                .Concat(dns.Addresses.Count == 0 ? [] : [new ClusterPeer(Networks: dns.Addresses)])
                .ToList(),
            [new ClusterPort.Number(Protocol.UDP, DnsResolver.Port), new ClusterPort.Number(Protocol.TCP, DnsResolver.Port)]);

    /// <summary>The namespaces of these names, by the label the API server sets on every namespace.</summary>
    private static LabelSelector Named(IReadOnlyList<string> namespaces) => namespaces.Count == 1
        ? LabelSelector.WithLabels((WellKnownLabels.NamespaceName, namespaces[0]))
        : new LabelSelector(Labels.Of(), [new LabelSelectorRequirement(WellKnownLabels.NamespaceName, SelectorOperator.In, namespaces.Order(StringComparer.Ordinal).ToList())]);
}
