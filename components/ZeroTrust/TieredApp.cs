using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.ZeroTrust;

/// <summary>
/// The arguments of a <see cref="TieredApp"/>: the app, the Kubernetes provider and the stack's namespaces are required;
/// the platform defaults to nothing but kube-dns, and without tier identities a tier that declares one is refused.
/// </summary>
public sealed record TieredAppArgs
{
    /// <summary>The declared app: tiers, flows, exposure.</summary>
    public required AppSpec App { get; init; }

    /// <summary>The Kubernetes provider every resource of the app uses.</summary>
    public required Resource Provider { get; init; }

    /// <summary>The stack's namespaces (each emitted once, with its baseline); the app's tiers run in some of them.</summary>
    public required IReadOnlyDictionary<string, ZeroTrustNamespace> Namespaces { get; init; }

    /// <summary>The platform's peers: the resolver, the ingress controller or load balancer, monitoring, platform services.</summary>
    /// <remarks>Default: kube-dns only — no ingress controller, monitoring or platform services are admitted.</remarks>
    public PlatformPeers Platform { get; init; } = new(DnsResolver.KubeDns, null, null);

    /// <summary>How tiers with a declared cloud identity get it (IRSA, Pod Identity, Workload Identity).</summary>
    /// <remarks>Default: none — a tier that declares an identity is refused.</remarks>
    public ITierIdentities? Identities { get; init; }

    /// <summary>Annotations the ingress kind puts on an exposed tier's Service.</summary>
    /// <remarks>Default: none.</remarks>
    public Func<AppSpec, TierSpec, IReadOnlyDictionary<string, Value>?>? ServiceAnnotations { get; init; }
}

/// <summary>
/// A tiered application's zero-trust networking inside the stack's <see cref="ZeroTrustNamespace"/>s: a service
/// account per tier, for every declared flow both the egress rule on the source tier and the ingress rule on the
/// destination tier, and the platform allowances of its exposed and monitored tiers. Nothing else is allowed. Logical
/// names start with the component's name (<c>&lt;name&gt;-&lt;tier&gt;-sa</c>, <c>&lt;name&gt;-&lt;tier&gt;-ingress</c>),
/// so apps with the same tier names never collide.
/// </summary>
public sealed class TieredApp
{
    public const string ComponentType = "palisade:app:TieredApp";
    public const string TierComponentType = "palisade:app:Tier";

    /// <summary>Token of the ClusterIP Service per tier (not in resource-types.md; the type checker confirms it).</summary>
    public const string ServiceType = "kubernetes:core/v1:Service";

    private TieredApp(AppSpec app, Component component, IReadOnlyList<ZeroTrustNamespace> namespaces,
        IReadOnlyDictionary<string, Resource> serviceAccounts, IReadOnlyDictionary<string, Resource> services,
        IReadOnlyList<OwnedPolicy> policies)
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

    /// <summary>Every policy the app emits (tier rules and platform allowances; the namespaces' baselines are the stack's).</summary>
    public IReadOnlyList<OwnedPolicy> Policies { get; }

    /// <summary>Creates the app's component named like the app.</summary>
    public static TieredApp Create(ResourceGraph graph, Component parent, TieredAppArgs args) => Create(graph, parent, args.App.Name, args);

    /// <param name="name">The component's name, which every child's logical name starts with.</param>
    public static TieredApp Create(ResourceGraph graph, Component parent, string name, TieredAppArgs args)
    {
        var app = args.App;
        AppValidator.Validate(app);
        var component = graph.AddComponent(parent, ComponentType, name);

        var namespaces = app.Namespaces
            .Select(ns => args.Namespaces.TryGetValue(ns, out var owned)
                ? owned
                : throw new InvalidOperationException($"App '{app.Name}' runs in namespace '{ns}', which the stack does not own."))
            .ToList();
        var nsRefs = namespaces.ToDictionary(n => n.Name, n => n.NameRef, StringComparer.Ordinal);

        var serviceAccounts = new SortedDictionary<string, Resource>(StringComparer.Ordinal);
        var services = new SortedDictionary<string, Resource>(StringComparer.Ordinal);
        var policies = new List<OwnedPolicy>();
        foreach (var tier in app.Tiers)
        {
            var tierComponent = graph.AddComponent(component, TierComponentType, component.ChildName(tier.Name));
            var policyPrefix = $"{app.Name}-{tier.Name}-";
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
                        { "metadata", KubernetesProperties.Metadata(tier.Name, nsRefs[tier.Namespace], app.PodLabels(tier), args.ServiceAnnotations?.Invoke(app, tier)) },
                        { "spec", ServiceSpec(app, tier) },
                    },
                    options);
            }

            foreach (var policy in TierPolicies(app, tier, args.Platform).Concat(ServiceAdmissions(app, tier, args.Platform, args.Namespaces)))
            {
                NetworkPolicyResource.Add(graph, tierComponent, tierComponent.ChildName(policy.Name[policyPrefix.Length..]),
                    policy, args.Namespaces[policy.Namespace].NameRef, options);
                policies.Add(new OwnedPolicy(policy, PolicyRole.TierRule));
            }

            foreach (var allowance in Allowances(app, tier, args.Platform))
            {
                var policy = allowance.ToPolicy(tier.Namespace, Labels.Of((WellKnownLabels.PartOf, app.Name)));
                NetworkPolicyResource.Add(graph, tierComponent, tierComponent.ChildName(allowance.Name), policy, nsRefs[tier.Namespace], options);
                policies.Add(new OwnedPolicy(policy, PolicyRole.PlatformAllowance));
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

    /// <summary>The platform peers a tier admits: the ingress controller or load balancer on its exposed port, monitoring on its metrics port.</summary>
    private static IReadOnlyList<NamespaceAllowance> Allowances(AppSpec app, TierSpec tier, PlatformPeers platform)
    {
        var allowances = new List<NamespaceAllowance>();
        var prefix = $"{app.Name}-{tier.Name}";
        if (tier.ExposedPort is { } exposed && platform.LoadBalancerCidrs.Count > 0)
        {
            allowances.Add(NamespaceAllowance.FromAddresses($"{prefix}-from-load-balancer", platform.LoadBalancerCidrs, app.Selector(tier), [exposed]));
        }
        else if (tier.ExposedPort is { } port && platform.IngressController is { } controller)
        {
            allowances.Add(new NamespaceAllowance($"{prefix}-from-ingress-controller", controller, app.Selector(tier), [port]));
        }

        if (tier.MonitoredPorts.Count > 0 && platform.Monitoring is { } monitoring)
        {
            allowances.Add(new NamespaceAllowance($"{prefix}-from-monitoring", monitoring, app.Selector(tier), tier.MonitoredPorts));
        }

        return allowances;
    }

    /// <summary>The ingress policy (flows into the tier) and egress policy (flows out of it), when there are any.</summary>
    public static IReadOnlyList<NetworkPolicy> TierPolicies(AppSpec app, TierSpec tier, PlatformPeers platform)
    {
        var labels = Labels.Of((WellKnownLabels.PartOf, app.Name));
        var inbound = app.Flows.Where(f => f.To == tier.Name)
            .OrderBy(f => f.From, StringComparer.Ordinal).ThenBy(f => f.Port.ToString(), StringComparer.Ordinal)
            .Select(f => new NetworkPolicyRule([PeerFor(app, app.Tier(f.From), tier.Namespace)], [new NetworkPolicyPort(f.Protocol, f.Port)]))
            .ToList();
        var outbound = app.Flows.Where(f => f.From == tier.Name)
            .OrderBy(f => f.To, StringComparer.Ordinal).ThenBy(f => f.Port.ToString(), StringComparer.Ordinal)
            .Select(f => new NetworkPolicyRule([PeerFor(app, app.Tier(f.To), tier.Namespace)], [new NetworkPolicyPort(f.Protocol, f.Port)]))
            .Concat(app.ServiceFlows.Where(f => f.From == tier.Name)
                .OrderBy(f => f.Service, StringComparer.Ordinal).ThenBy(f => f.Port.ToString(), StringComparer.Ordinal)
                .Select(f => new NetworkPolicyRule([platform.Services[f.Service].Peer.ToPeer()], [new NetworkPolicyPort(f.Protocol, f.Port)])))
            .Concat(ExternalEgressRules.For(app.ExternalEgress.Where(e => e.From == tier.Name)))
            .Concat(tier.Identity is not null && platform.ApiEndpointCidrs.Count > 0
                ? [new NetworkPolicyRule(platform.ApiEndpointCidrs.Select(c => new NetworkPolicyPeer(IpBlock: new IpBlock(c, []))).ToList(),
                    [new NetworkPolicyPort(Protocol.TCP, PlatformPeers.ApiEndpointPort)])]
                : [])
            .Concat(tier.Identity is not null && platform.IdentityEndpoint is { } endpoint
                ? [new NetworkPolicyRule([new NetworkPolicyPeer(IpBlock: new IpBlock(endpoint.Cidr, []))], [new NetworkPolicyPort(endpoint.Protocol, endpoint.Port)])]
                : [])
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

    /// <summary>
    /// A platform service in a namespace the stack owns sits behind that namespace's default deny, so the stack also
    /// admits the tier there; a service elsewhere must be admitted by its own namespace's policies (the plan says so).
    /// </summary>
    private static IEnumerable<NetworkPolicy> ServiceAdmissions(AppSpec app, TierSpec tier, PlatformPeers platform,
        IReadOnlyDictionary<string, ZeroTrustNamespace> owned) =>
        app.ServiceFlows.Where(f => f.From == tier.Name && owned.ContainsKey(platform.Services[f.Service].Namespace))
            .GroupBy(f => f.Service, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var service = platform.Services[g.Key];
                return new NetworkPolicy($"{app.Name}-{tier.Name}-to-{service.Name}", service.Namespace,
                    LabelSelector.WithLabels(service.Peer.PodLabels), [PolicyType.Ingress],
                    Ingress: [new NetworkPolicyRule([PeerFor(app, tier, service.Namespace)], g.Select(f => new NetworkPolicyPort(f.Protocol, f.Port)).ToList())],
                    Labels: Labels.Of((WellKnownLabels.PartOf, app.Name)));
            });

    /// <summary>Same namespace: podSelector alone. Across namespaces: namespaceSelector AND podSelector in one entry.</summary>
    private static NetworkPolicyPeer PeerFor(AppSpec app, TierSpec peer, string policyNamespace) =>
        peer.Namespace == policyNamespace
            ? new NetworkPolicyPeer(PodSelector: app.Selector(peer))
            : new NetworkPolicyPeer(
                PodSelector: app.Selector(peer),
                NamespaceSelector: LabelSelector.WithLabels((WellKnownLabels.NamespaceName, peer.Namespace)));
}
