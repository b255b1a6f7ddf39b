using Palisade.Components.Kubernetes;

namespace Palisade.Components.ZeroTrust;

/// <summary>
/// Where pods resolve names, as the cluster really serves DNS: resolver pods (kube-dns / CoreDNS, NodeLocal DNSCache)
/// and link-local resolver addresses (the node-local cache's 169.254.20.10, GKE Cloud DNS at 169.254.169.254).
/// Every namespace's DNS egress admits exactly these on UDP and TCP 53.
/// </summary>
public sealed record DnsResolver(string Name, IReadOnlyList<PlatformPeer> Pods, IReadOnlyList<string> Addresses)
{
    public const int Port = 53;

    /// <summary>kube-dns on GKE and CoreDNS on EKS both run as k8s-app=kube-dns pods in kube-system.</summary>
    public static DnsResolver KubeDns { get; } = new("kube-dns", [PlatformPeer.KubeDns], []);

    /// <summary>NodeLocal DNSCache: pods query 169.254.20.10, served by k8s-app=node-local-dns pods, which forward to kube-dns.</summary>
    public static DnsResolver NodeLocalDns { get; } = new("node-local-dns",
        [new PlatformPeer("kube-system", Labels.Of((WellKnownLabels.KubeDnsApp, "node-local-dns"))), PlatformPeer.KubeDns],
        ["169.254.20.10/32"]);

    /// <summary>GKE with Cloud DNS: the resolver is the metadata server's address, on port 53 only.</summary>
    public static DnsResolver CloudDns { get; } = new("cloud-dns", [], [MetadataAddress.Cidr]);

    /// <summary>The peers of the DNS egress rule: each resolver pod set (namespace AND pods in one entry) and each address.</summary>
    public IReadOnlyList<NetworkPolicyPeer> Peers =>
        Pods.Select(p => p.ToPeer()).Concat(Addresses.Select(a => new NetworkPolicyPeer(IpBlock: new IpBlock(a, [])))).ToList();

    public IReadOnlyList<NetworkPolicyPort> Ports { get; } = [new(Protocol.UDP, Port), new(Protocol.TCP, Port)];

    public override string ToString() =>
        string.Join(", ", Pods.Select(p => $"{p.Namespace}/{string.Join(",", p.PodLabels.Select(l => $"{l.Key}={l.Value}"))}").Concat(Addresses));
}

/// <summary>
/// The link-local endpoint a workload identity mechanism needs (GKE metadata server, EKS Pod Identity agent): tiers
/// that declare an identity may reach exactly this, every other pod nothing at these addresses.
/// </summary>
public sealed record IdentityEndpoint(string Mechanism, string Cidr, Protocol Protocol, int Port);
