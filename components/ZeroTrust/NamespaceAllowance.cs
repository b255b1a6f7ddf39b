using Palisade.Components.Kubernetes;

namespace Palisade.Components.ZeroTrust;

/// <summary>
/// An opt-in allowance: platform pods (ingress controller, monitoring) — or, when <see cref="FromCidrs"/> is set,
/// addresses outside the pod network such as a load balancer's subnets — may reach some pods on some ports.
/// </summary>
internal sealed record NamespaceAllowance(string Name, PlatformPeer? From, LabelSelector Pods, IReadOnlyList<IntOrString> Ports)
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

    /// <summary>The allowance as an ingress policy in <paramref name="namespace"/>, named like the allowance.</summary>
    public NetworkPolicy ToPolicy(string @namespace, IReadOnlyDictionary<string, string> labels) => new(
        Name, @namespace, Pods, [PolicyType.Ingress],
        Ingress: [new NetworkPolicyRule(Peers(), Ports.Select(p => new NetworkPolicyPort(Protocol.TCP, p)).ToList())],
        Labels: labels);
}
