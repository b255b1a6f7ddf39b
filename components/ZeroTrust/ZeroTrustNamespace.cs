using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.ZeroTrust;

/// <summary>The arguments of a <see cref="ZeroTrustNamespace"/>: its name and the Kubernetes provider; it denies everything else by default.</summary>
public sealed record ZeroTrustNamespaceArgs
{
    /// <summary>The namespace's name (also the component's, which its children's logical names start with).</summary>
    public required string Name { get; init; }

    /// <summary>The Kubernetes provider of the namespace and its policies.</summary>
    public required Resource Provider { get; init; }

    /// <summary>The resolver the namespace's DNS egress admits.</summary>
    /// <remarks>Default: kube-dns.</remarks>
    public DnsResolver Dns { get; init; } = DnsResolver.KubeDns;

    /// <summary>Labels on the Namespace.</summary>
    /// <remarks>Default: none.</remarks>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Pulumi <c>protect</c> on the Namespace (it holds stateful tiers).</summary>
    /// <remarks>Default: false.</remarks>
    public bool Protect { get; init; }
}

/// <summary>
/// A namespace that denies everything by default: the namespace itself, a default-deny policy for Ingress and
/// Egress, and DNS egress to the cluster's resolver only. The stack owns it: it is emitted once however many apps
/// run in it, and the apps add their tiers' rules and allowances.
/// </summary>
public sealed class ZeroTrustNamespace
{
    public const string ComponentType = "palisade:k8s:ZeroTrustNamespace";
    public const string DefaultDenyName = "default-deny";
    public const string AllowDnsName = "allow-dns-egress";

    private ZeroTrustNamespace(Component component, Resource @namespace, IReadOnlyList<OwnedPolicy> policies)
    {
        Component = component;
        Namespace = @namespace;
        Policies = policies;
    }

    public Component Component { get; }
    public Resource Namespace { get; }
    /// <summary>The baseline policies (<see cref="PolicyRole.Baseline"/>).</summary>
    public IReadOnlyList<OwnedPolicy> Policies { get; }

    public string Name => Component.Name;

    /// <summary><c>${ns.metadata.name}</c> with the name known, so manifests render it and Pulumi orders by it.</summary>
    public OutputRef NameRef => Namespace.Output("metadata.name", Namespace.Properties["metadata"] is MapValue m ? m["name"] : null);

    public static ZeroTrustNamespace Create(ResourceGraph graph, Component parent, ZeroTrustNamespaceArgs args)
    {
        var component = graph.AddComponent(parent, ComponentType, args.Name);
        var options = new ResourceOptions { Provider = args.Provider, Protect = args.Protect };
        var ns = graph.AddResource(component, KubernetesTypes.Namespace, component.ChildName("ns"),
            new MapBuilder { { "metadata", KubernetesProperties.Metadata(args.Name, labels: args.Labels) } }, options);
        var nsRef = ns.Output("metadata.name", args.Name);

        var policies = new List<NetworkPolicy>
        {
            new(DefaultDenyName, args.Name, LabelSelector.Everything, [PolicyType.Ingress, PolicyType.Egress]),
            new(AllowDnsName, args.Name, LabelSelector.Everything, [PolicyType.Egress],
                Egress:
                [
                    new NetworkPolicyRule(args.Dns.Peers, args.Dns.Ports),
                ]),
        };

        var policyOptions = new ResourceOptions { Provider = args.Provider };
        foreach (var policy in policies)
        {
            NetworkPolicyResource.Add(graph, component, component.ChildName(policy.Name), policy, nsRef, policyOptions);
        }

        return new ZeroTrustNamespace(component, ns, policies.Select(p => new OwnedPolicy(p, PolicyRole.Baseline)).ToList());
    }
}
