using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.ZeroTrust;

public sealed record TieredAppArgs(
    AppSpec App,
    Resource Provider,
    PlatformPeers Platform,
    bool ProtectStatefulTiers = false,
    ITierIdentities? Identities = null);

/// <summary>
/// A tiered application's zero-trust networking: a <see cref="ZeroTrustNamespace"/> per namespace, a service
/// account per tier, and for every declared flow both the egress rule on the source tier and the ingress rule on
/// the destination tier. Nothing else is allowed.
/// </summary>
public sealed class TieredApp
{
    public const string ComponentType = "palisade:app:TieredApp";
    public const string TierComponentType = "palisade:app:Tier";

    /// <summary>Token of the ClusterIP Service per tier (not in resource-types.md; the type checker confirms it).</summary>
    public const string ServiceType = "kubernetes:core/v1:Service";

    private TieredApp(AppSpec app, Component component, IReadOnlyList<ZeroTrustNamespace> namespaces,
        IReadOnlyDictionary<string, Resource> serviceAccounts, IReadOnlyDictionary<string, Resource> services,
        IReadOnlyList<NetworkPolicy> policies)
    {
        App = app;
        Component = component;
        Namespaces = namespaces;
        ServiceAccounts = serviceAccounts;
        Services = services;
        Policies = policies;
    }

    public AppSpec App { get; }
    public Component Component { get; }
    public IReadOnlyList<ZeroTrustNamespace> Namespaces { get; }

    /// <summary>Service account resource per tier name (identities annotate these).</summary>
    public IReadOnlyDictionary<string, Resource> ServiceAccounts { get; }

    /// <summary>ClusterIP Service per tier that has ports (named like the tier), by tier name.</summary>
    public IReadOnlyDictionary<string, Resource> Services { get; }

    /// <summary>The namespace name reference (ordering and known name) per namespace.</summary>
    public OutputRef NamespaceRef(string ns) => Namespaces.First(n => n.Component.Name == ns).NameRef;

    /// <summary>Every policy the app emits, namespace baselines included.</summary>
    public IReadOnlyList<NetworkPolicy> Policies { get; }

    public static TieredApp Create(ResourceGraph graph, Component parent, TieredAppArgs args)
    {
        var app = args.App;
        AppValidator.Validate(app);
        var component = graph.AddComponent(parent, ComponentType, app.Name);

        var namespaces = app.Namespaces
            .Select(ns => ZeroTrustNamespace.Create(graph, component, new ZeroTrustNamespaceArgs(
                ns, args.Provider, args.Platform.Dns, Allowances(app, ns, args.Platform),
                Labels.Of((WellKnownLabels.PartOf, app.Name), (WellKnownLabels.ManagedBy, "palisade")),
                Protect: args.ProtectStatefulTiers && app.Tiers.Any(t => t.Namespace == ns && t.Stateful))))
            .ToList();
        var nsRefs = namespaces.ToDictionary(n => n.Component.Name, n => n.NameRef, StringComparer.Ordinal);

        var serviceAccounts = new SortedDictionary<string, Resource>(StringComparer.Ordinal);
        var services = new SortedDictionary<string, Resource>(StringComparer.Ordinal);
        var policies = namespaces.SelectMany(n => n.Policies).ToList();
        foreach (var tier in app.Tiers)
        {
            var tierComponent = graph.AddComponent(component, TierComponentType, $"{app.Name}-{tier.Name}");
            var options = new ResourceOptions { Provider = args.Provider };
            IReadOnlyDictionary<string, Value>? annotations = null;
            if (tier.Identity is not null)
            {
                var identities = args.Identities ?? throw new InvalidOperationException(
                    $"Tier '{tier.Name}' of app '{app.Name}' declares a cloud identity, but the stack grants none (no cloud).");
                annotations = identities.Bind(graph, tierComponent, app, tier);
            }

            serviceAccounts[tier.Name] = graph.AddResource(tierComponent, KubernetesTypes.ServiceAccount, tierComponent.ChildName("sa"),
                new MapBuilder
                {
                    { "metadata", KubernetesProperties.Metadata(tier.ServiceAccountName, nsRefs[tier.Namespace], app.PodLabels(tier), annotations) },
                    { "automountServiceAccountToken", false },
                },
                options);

            if (tier.Ports.Count > 0)
            {
                services[tier.Name] = graph.AddResource(tierComponent, ServiceType, tierComponent.ChildName("svc"),
                    new MapBuilder
                    {
                        { "metadata", KubernetesProperties.Metadata(tier.Name, nsRefs[tier.Namespace], app.PodLabels(tier)) },
                        { "spec", ServiceSpec(app, tier) },
                    },
                    options);
            }

            foreach (var policy in TierPolicies(app, tier))
            {
                NetworkPolicyResource.Add(graph, tierComponent, tierComponent.ChildName(policy.Name[(tierComponent.Name.Length + 1)..]),
                    policy, nsRefs[tier.Namespace], options);
                policies.Add(policy);
            }
        }

        return new TieredApp(app, component, namespaces, serviceAccounts, services, policies);
    }

    /// <summary>The Service port name of a container port: its own name, or protocol and number.</summary>
    public static string ServicePortName(ContainerPort port) =>
        port.Name ?? $"{port.Protocol.ToString().ToLowerInvariant()}-{port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The container port an exposed tier serves on (its ExposedPort resolved to a number).</summary>
    public static ContainerPort ExposedContainerPort(TierSpec tier) =>
        tier.ExposedPort is { } exposed
            ? tier.Ports.First(p => exposed.IsNamed ? p.Name == exposed.Name : p.Port == exposed.Number)
            : throw new InvalidOperationException($"Tier '{tier.Name}' is not exposed.");

    private static MapValue ServiceSpec(AppSpec app, TierSpec tier) => new MapBuilder
    {
        { "type", "ClusterIP" },
        { "selector", MapValue.OfStrings(app.PodLabels(tier)) },
        {
            "ports", ListValue.Of(tier.Ports.Select(p => (Value)new MapBuilder
            {
                { "name", ServicePortName(p) },
                { "protocol", p.Protocol.ToString() },
                { "port", p.Port },
                { "targetPort", p.Name is { } name ? new StringValue(name) : new NumberValue(p.Port) },
            }.Build()))
        },
    };

    private static IReadOnlyList<NamespaceAllowance> Allowances(AppSpec app, string ns, PlatformPeers platform)
    {
        var allowances = new List<NamespaceAllowance>();
        foreach (var tier in app.Tiers.Where(t => t.Namespace == ns).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            if (tier.ExposedPort is { } exposed && platform.LoadBalancerCidrs.Count > 0)
            {
                allowances.Add(NamespaceAllowance.FromAddresses($"load-balancer-to-{tier.Name}", platform.LoadBalancerCidrs, app.Selector(tier), [exposed]));
            }
            else if (tier.ExposedPort is { } port && platform.IngressController is { } controller)
            {
                allowances.Add(new NamespaceAllowance($"ingress-controller-to-{tier.Name}", controller, app.Selector(tier), [port]));
            }

            if (tier.MonitoredPorts.Count > 0 && platform.Monitoring is { } monitoring)
            {
                allowances.Add(new NamespaceAllowance($"monitoring-to-{tier.Name}", monitoring, app.Selector(tier), tier.MonitoredPorts));
            }
        }

        return allowances;
    }

    /// <summary>The ingress policy (flows into the tier) and egress policy (flows out of it), when there are any.</summary>
    public static IReadOnlyList<NetworkPolicy> TierPolicies(AppSpec app, TierSpec tier)
    {
        var labels = Labels.Of((WellKnownLabels.PartOf, app.Name));
        var inbound = app.Flows.Where(f => f.To == tier.Name)
            .OrderBy(f => f.From, StringComparer.Ordinal).ThenBy(f => f.Port.ToString(), StringComparer.Ordinal)
            .Select(f => new NetworkPolicyRule([PeerFor(app, app.Tier(f.From), tier.Namespace)], [new NetworkPolicyPort(f.Protocol, f.Port)]))
            .ToList();
        var outbound = app.Flows.Where(f => f.From == tier.Name)
            .OrderBy(f => f.To, StringComparer.Ordinal).ThenBy(f => f.Port.ToString(), StringComparer.Ordinal)
            .Select(f => new NetworkPolicyRule([PeerFor(app, app.Tier(f.To), tier.Namespace)], [new NetworkPolicyPort(f.Protocol, f.Port)]))
            .Concat(app.ExternalEgress.Where(e => e.From == tier.Name).Select(ExternalRule))
            .ToList();

        var policies = new List<NetworkPolicy>();
        if (inbound.Count > 0)
        {
            policies.Add(new NetworkPolicy($"{app.Name}-{tier.Name}-ingress", tier.Namespace, app.Selector(tier), [PolicyType.Ingress],
                Ingress: inbound, Labels: labels));
        }

        if (outbound.Count > 0)
        {
            policies.Add(new NetworkPolicy($"{app.Name}-{tier.Name}-egress", tier.Namespace, app.Selector(tier), [PolicyType.Egress],
                Egress: outbound, Labels: labels));
        }

        return policies;
    }

    /// <summary>Same namespace: podSelector alone. Across namespaces: namespaceSelector AND podSelector in one entry.</summary>
    private static NetworkPolicyPeer PeerFor(AppSpec app, TierSpec peer, string policyNamespace) =>
        peer.Namespace == policyNamespace
            ? new NetworkPolicyPeer(PodSelector: app.Selector(peer))
            : new NetworkPolicyPeer(
                PodSelector: app.Selector(peer),
                NamespaceSelector: LabelSelector.WithLabels((WellKnownLabels.NamespaceName, peer.Namespace)));

    /// <summary>External egress; the metadata address is added to the except list whenever the CIDR covers it.</summary>
    private static NetworkPolicyRule ExternalRule(ExternalEgressSpec egress)
    {
        var cidr = AppValidator.ParseCidr(egress.Cidr, egress.ToString());
        var except = egress.Except.ToList();
        if (MetadataAddress.IsAllowedBy(cidr, except.Select(e => AppValidator.ParseCidr(e, egress.ToString()))))
        {
            except.Add(MetadataAddress.Cidr);
        }

        return new NetworkPolicyRule(
            [new NetworkPolicyPeer(IpBlock: new IpBlock(egress.Cidr, except))],
            egress.Ports.Order().Select(p => new NetworkPolicyPort(egress.Protocol, p)).ToList());
    }
}
