using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.ZeroTrust;

/// <summary>
/// Where the platform's own pods must reach under strict enforcement: the Kubernetes API server (the <c>kubernetes</c>
/// Service's ClusterIP and the control plane's network interfaces in the VPC behind it), the resolvers CoreDNS
/// forwards to, and the range the control plane calls webhooks from (the same interfaces).
/// </summary>
internal sealed record StrictEnforcement(string ApiServerCidr, IReadOnlyList<string> UpstreamDnsCidrs, string ControlPlaneCidr)
{
    public const int ApiServerPort = 443;
}

/// <summary>A platform workload the baselines admit: its pods, the ports it serves, and the webhook port the control plane calls.</summary>
internal sealed record SystemWorkload(string Name, PlatformPeer Pods, IReadOnlyList<NetworkPolicyPort> PublicPorts, int? WebhookPort,
    IReadOnlyList<NetworkPolicyRule> Egress, bool PublicHttpsEgress = false);

/// <summary>
/// The baseline policies the platform's own namespaces need once every pod starts deny-all (VPC CNI strict mode,
/// amazon-vpc-cni-k8s README "Policy enforcement at Pod startup"): CoreDNS admits DNS from every pod and reaches its
/// upstream resolvers and the API server; each other platform workload (the load balancer controller, the ingress
/// controller, monitoring) reaches DNS, the API server and exactly what it serves or scrapes, and admits exactly its
/// own clients. Kept apart from the app namespaces' baselines (the stack's own namespaces) and from cluster-tier
/// guardrails: these are namespaced NetworkPolicies in namespaces the platform runs.
/// </summary>
internal static class SystemNamespaceBaselines
{
    public const string CoreDnsPolicy = "palisade-coredns";
    private static readonly IReadOnlyDictionary<string, string> PolicyLabels = Labels.Of((WellKnownLabels.PartOf, "palisade-platform"));

    private static IReadOnlyList<NetworkPolicyPort> DnsPorts => [new(Protocol.UDP, DnsResolver.Port), new(Protocol.TCP, DnsResolver.Port)];

    /// <summary>
    /// The API server on 443: the <c>kubernetes</c> Service's ClusterIP and the control plane's interfaces behind it (in
    /// the cluster's subnets, so the VPC range), whichever address the agent matches (aws-network-policy-agent#281).
    /// </summary>
    public static NetworkPolicyRule ApiServer(StrictEnforcement strict) =>
        new([new NetworkPolicyPeer(IpBlock: new IpBlock(strict.ApiServerCidr, [])), new NetworkPolicyPeer(IpBlock: new IpBlock(strict.ControlPlaneCidr, []))],
            [new NetworkPolicyPort(Protocol.TCP, StrictEnforcement.ApiServerPort)]);

    /// <summary>Public HTTPS (cloud APIs), never private or link-local addresses.</summary>
    public static NetworkPolicyRule PublicHttps { get; } = new(
        [new NetworkPolicyPeer(IpBlock: new IpBlock("0.0.0.0/0", ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", MetadataAddress.LinkLocalCidr]))],
        [new NetworkPolicyPort(Protocol.TCP, 443)]);

    public static IReadOnlyList<NetworkPolicy> Policies(StrictEnforcement strict, DnsResolver dns, IReadOnlyList<SystemWorkload> workloads)
    {
        var coreDns = PlatformPeer.KubeDns;
        var policies = new List<NetworkPolicy>
        {
            new(CoreDnsPolicy, coreDns.Namespace, LabelSelector.WithLabels(coreDns.PodLabels), [PolicyType.Ingress, PolicyType.Egress],
                Ingress: [new NetworkPolicyRule([new NetworkPolicyPeer(NamespaceSelector: LabelSelector.Everything)], DnsPorts)],
                Egress:
                [
                    new NetworkPolicyRule(strict.UpstreamDnsCidrs.Select(c => new NetworkPolicyPeer(IpBlock: new IpBlock(c, []))).ToList(), DnsPorts),
                    ApiServer(strict),
                ],
                Labels: PolicyLabels),
        };

        foreach (var workload in workloads)
        {
            var ingress = new List<NetworkPolicyRule>();
            if (workload.PublicPorts.Count > 0)
            {
                ingress.Add(new NetworkPolicyRule([new NetworkPolicyPeer(IpBlock: new IpBlock("0.0.0.0/0", []))], workload.PublicPorts));
            }

            if (workload.WebhookPort is { } webhook)
            {
                ingress.Add(new NetworkPolicyRule([new NetworkPolicyPeer(IpBlock: new IpBlock(strict.ControlPlaneCidr, []))], [new NetworkPolicyPort(Protocol.TCP, webhook)]));
            }

            IReadOnlyList<NetworkPolicyRule> egress =
            [
                new NetworkPolicyRule(dns.Peers, dns.Ports),
                ApiServer(strict),
                .. workload.PublicHttpsEgress ? [PublicHttps] : Array.Empty<NetworkPolicyRule>(),
                .. workload.Egress,
            ];
            policies.Add(new NetworkPolicy($"palisade-{workload.Name}", workload.Pods.Namespace, LabelSelector.WithLabels(workload.Pods.PodLabels),
                [PolicyType.Ingress, PolicyType.Egress], Ingress: ingress, Egress: egress, Labels: PolicyLabels));
        }

        return policies;
    }

    /// <summary>Emits the policies (their namespaces exist: kube-system, or created by the caller).</summary>
    public static IReadOnlyList<Resource> Create(ResourceGraph graph, Component parent, Resource provider, IReadOnlyList<NetworkPolicy> policies,
        IReadOnlyDictionary<string, Value> namespaceRefs)
    {
        var options = new ResourceOptions { Provider = provider };
        return policies.Select(p => NetworkPolicyResource.Add(graph, parent, $"{p.Namespace}-{p.Name}", p,
            namespaceRefs.TryGetValue(p.Namespace, out var ns) ? ns : p.Namespace, options)).ToList();
    }
}
