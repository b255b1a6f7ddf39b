using Palisade.Components.Kubernetes;

namespace Palisade.Tests.Connectivity;

/// <summary>
/// Realistic clusters of any size for benchmarks and large oracle checks: namespaces of frontend, backend and db
/// workloads plus kube-dns and Prometheus, and two policies per namespace mixing pod, namespace and ipBlock peers
/// with numeric and named ports. Also compiled into Palisade.Benchmarks.
/// </summary>
public static class SyntheticClusters
{
    private static readonly string[] Tiers = ["frontend", "backend", "db"];

    public static ClusterModel Generate(int workloads, int namespaces, int seed = 1)
    {
        var random = new Random(seed);
        var namespaceInfos = new List<NamespaceInfo>
        {
            new("kube-system", Labels.Of()),
            new("monitoring", Labels.Of(("purpose", "observability"))),
        };
        var workloadList = new List<Workload>
        {
            new("kube-system", "coredns", "Deployment", Labels.Of(("k8s-app", "kube-dns")),
                [new ContainerPort(53, Protocol.UDP, "dns"), new ContainerPort(53, Protocol.TCP, "dns-tcp")]),
            new("monitoring", "prometheus", "StatefulSet", Labels.Of(("app.kubernetes.io/name", "prometheus")),
                [new ContainerPort(9090, Protocol.TCP, "web")]),
        };
        var policies = new List<NetworkPolicy>();
        var perNamespace = Math.Max(1, (workloads - workloadList.Count) / namespaces);
        var remainder = Math.Max(0, workloads - workloadList.Count - (perNamespace * namespaces));
        for (var i = 0; i < namespaces; i++)
        {
            var ns = Name(i);
            namespaceInfos.Add(new NamespaceInfo(ns, Labels.Of(("team", $"team-{i / 10}"), ("env", i % 3 == 0 ? "prod" : "dev"))));
            var count = perNamespace + (i < remainder ? 1 : 0);
            for (var j = 0; j < count; j++)
            {
                var tier = Tiers[j % Tiers.Length];
                List<ContainerPort> ports = [new(8080, Protocol.TCP, "http"), new(9090, Protocol.TCP, "metrics")];
                if (tier == "db")
                {
                    ports.Add(new ContainerPort(5432, Protocol.TCP, "pg"));
                }

                workloadList.Add(new Workload(ns, $"svc-{j}", random.Next(5) == 0 ? "StatefulSet" : "Deployment",
                    Labels.Of(("app", $"svc-{j}"), ("tier", tier), ("version", $"v{random.Next(1, 4)}")), ports));
            }

            policies.Add(IngressPolicy(i, namespaces));
            policies.Add(EgressPolicy(i));
        }

        return new ClusterModel(namespaceInfos, workloadList, policies);
    }

    private static string Name(int i) => $"ns-{i:D4}";

    private static NetworkPolicy IngressPolicy(int i, int namespaces)
    {
        var neighbours = new[] { (i + namespaces - 1) % namespaces, (i + 1) % namespaces }.Select(Name).Distinct().ToList();
        return new NetworkPolicy($"ingress-{i}", Name(i), LabelSelector.Everything, [PolicyType.Ingress],
            Ingress:
            [
                new NetworkPolicyRule([new NetworkPolicyPeer(PodSelector: Tier("frontend"))], [new NetworkPolicyPort(Protocol.TCP, 8080)]),
                new NetworkPolicyRule(
                    [new NetworkPolicyPeer(Tier("frontend"), In(WellKnownLabels.NamespaceName, neighbours))],
                    [new NetworkPolicyPort(Port: IntOrString.FromName("http"))]),
                new NetworkPolicyRule(
                    [new NetworkPolicyPeer(NamespaceSelector: LabelSelector.WithLabels((WellKnownLabels.NamespaceName, "monitoring")))],
                    [new NetworkPolicyPort(Port: IntOrString.FromName("metrics"))]),
                new NetworkPolicyRule(
                    [new NetworkPolicyPeer(IpBlock: new IpBlock($"10.{i % 256}.0.0/16", [$"10.{i % 256}.1.0/24"]))],
                    [new NetworkPolicyPort(Protocol.TCP, 8080)]),
            ]);
    }

    private static NetworkPolicy EgressPolicy(int i) =>
        new($"egress-{i}", Name(i), In("tier", ["backend", "db"]), [PolicyType.Egress],
            Egress:
            [
                new NetworkPolicyRule([new NetworkPolicyPeer(PodSelector: Tier("db"))], [new NetworkPolicyPort(Protocol.TCP, 5432)]),
                new NetworkPolicyRule(
                    [new NetworkPolicyPeer(LabelSelector.WithLabels(("k8s-app", "kube-dns")), LabelSelector.Everything)],
                    [new NetworkPolicyPort(Protocol.UDP, 53), new NetworkPolicyPort(Protocol.TCP, 53)]),
                new NetworkPolicyRule(
                    [new NetworkPolicyPeer(IpBlock: new IpBlock("0.0.0.0/0", ["10.0.0.0/8", "169.254.169.254/32"]))],
                    [new NetworkPolicyPort(Protocol.TCP, 443)]),
                new NetworkPolicyRule(
                    [new NetworkPolicyPeer(Tier("backend"), LabelSelector.WithLabels(("team", $"team-{i / 10}")))],
                    [new NetworkPolicyPort(Protocol.TCP, 8080, 8090)]),
            ]);

    private static LabelSelector Tier(string tier) => LabelSelector.WithLabels(("tier", tier));

    private static LabelSelector In(string key, IReadOnlyList<string> values) =>
        new(new SortedDictionary<string, string>(StringComparer.Ordinal), [new LabelSelectorRequirement(key, SelectorOperator.In, values)]);
}
