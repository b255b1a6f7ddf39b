using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.ZeroTrust;

/// <summary>
/// An opt-in allowance: platform pods (ingress controller, monitoring) — or, when <see cref="FromCidrs"/> is set,
/// addresses outside the pod network such as a load balancer's subnets — may reach some pods on some ports.
/// </summary>
public sealed record NamespaceAllowance(string Name, PlatformPeer? From, LabelSelector Pods, IReadOnlyList<IntOrString> Ports)
{
    public IReadOnlyList<string> FromCidrs { get; init; } = [];

    public static NamespaceAllowance FromAddresses(string name, IReadOnlyList<string> cidrs, LabelSelector pods, IReadOnlyList<IntOrString> ports) =>
        new(name, null, pods, ports) { FromCidrs = cidrs };

    public IReadOnlyList<NetworkPolicyPeer> Peers()
    {
        var peers = FromCidrs.Select(c => new NetworkPolicyPeer(IpBlock: new IpBlock(c, []))).ToList();
        if (From is not null)
        {
            peers.Insert(0, From.ToPeer());
        }

        if (peers.Count == 0)
        {
            throw new InvalidOperationException($"Allowance '{Name}' names no peer; it would allow every source.");
        }

        return peers;
    }
}

public sealed record ZeroTrustNamespaceArgs(
    string Name,
    Resource Provider,
    PlatformPeer Dns,
    IReadOnlyList<NamespaceAllowance> Allowances,
    IReadOnlyDictionary<string, string> Labels,
    bool Protect = false);

/// <summary>
/// A namespace that denies everything by default: the namespace itself, a default-deny policy for Ingress and
/// Egress, DNS egress to kube-dns only, and the opt-in allowances.
/// </summary>
public sealed class ZeroTrustNamespace
{
    public const string ComponentType = "palisade:k8s:ZeroTrustNamespace";
    public const string DefaultDenyName = "default-deny";
    public const string AllowDnsName = "allow-dns-egress";

    private ZeroTrustNamespace(Component component, Resource @namespace, IReadOnlyList<NetworkPolicy> policies)
    {
        Component = component;
        Namespace = @namespace;
        Policies = policies;
    }

    public Component Component { get; }
    public Resource Namespace { get; }
    public IReadOnlyList<NetworkPolicy> Policies { get; }

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
                    new NetworkPolicyRule(
                        [args.Dns.ToPeer()],
                        [new NetworkPolicyPort(Protocol.UDP, 53), new NetworkPolicyPort(Protocol.TCP, 53)]),
                ]),
        };
        policies.AddRange(args.Allowances.Select(a => new NetworkPolicy(
            $"allow-{a.Name}", args.Name, a.Pods, [PolicyType.Ingress],
            Ingress: [new NetworkPolicyRule(a.Peers(), a.Ports.Select(p => new NetworkPolicyPort(Protocol.TCP, p)).ToList())])));

        var policyOptions = new ResourceOptions { Provider = args.Provider };
        foreach (var policy in policies)
        {
            NetworkPolicyResource.Add(graph, component, component.ChildName(policy.Name), policy, nsRef, policyOptions);
        }

        return new ZeroTrustNamespace(component, ns, policies);
    }
}
