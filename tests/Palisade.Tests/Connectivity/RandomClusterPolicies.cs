using Palisade.Components.Kubernetes;

namespace Palisade.Tests.Connectivity;

/// <summary>
/// Random clusters of <see cref="RandomClusters"/> with random cluster policies on top: both tiers, every action, equal
/// priorities, namespaces and pods subjects and peers, networks, numbers, ranges and named ports, and unmodelled peers.
/// </summary>
internal static class RandomClusterPolicies
{
    private static readonly string[] Keys = ["app", "tier", "env"];
    private static readonly string[] Values = ["a", "b", "c"];
    private static readonly string[] NamespaceNames = ["n1", "n2", "n3", "n4"];
    private static readonly string[] PortNames = ["http", "dns", "metrics"];
    private static readonly int[] Ports = [53, 80, 443, 8080, 9090];
    private static readonly string[] Networks = ["0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "169.254.169.254/32", "8.8.8.0/24", "2001:db8::/32"];

    public static ClusterModel Generate(int seed)
    {
        var cluster = RandomClusters.Generate(seed);
        var random = new Random(seed * 7919 + 17);
        var policies = Enumerable.Range(0, random.Next(1, 5)).Select(i => Policy(random, i)).ToList();
        return cluster with { ClusterPolicies = policies };
    }

    private static ClusterNetworkPolicy Policy(Random random, int i)
    {
        var tier = random.Next(2) == 0 ? PolicyTier.Admin : PolicyTier.Baseline;
        var kind = tier == PolicyTier.Admin
            ? random.Next(3) switch { 0 => ClusterPolicyKind.AdminNetworkPolicy, 1 => ClusterPolicyKind.AwsClusterNetworkPolicy, _ => ClusterPolicyKind.ClusterNetworkPolicy }
            : ClusterPolicyKind.ClusterNetworkPolicy;
        return new ClusterNetworkPolicy(kind, $"c{i}", tier, random.Next(3) * 10, Selection(random),
            Rules(random, ingress: true), Rules(random, ingress: false));
    }

    private static List<ClusterPolicyRule> Rules(Random random, bool ingress) =>
        Enumerable.Range(0, random.Next(0, 4)).Select(i => new ClusterPolicyRule(
            $"r{i}",
            (PolicyAction)random.Next(3),
            Enumerable.Range(0, random.Next(1, 3)).Select(_ => Peer(random, ingress)).ToList(),
            PortList(random))).ToList();

    private static ClusterPeer Peer(Random random, bool ingress) => random.Next(ingress ? 5 : 8) switch
    {
        4 => new ClusterPeer(Unmodelled: "nodes"),
        5 or 6 => new ClusterPeer(Networks: Enumerable.Range(0, random.Next(1, 3)).Select(_ => Pick(random, Networks)).Distinct().ToList()),
        7 => new ClusterPeer(Unmodelled: "domainNames"),
        _ => new ClusterPeer(Selection(random)),
    };

    private static ClusterPodSelection Selection(Random random) => random.Next(3) switch
    {
        0 => new ClusterPodSelection(NamespaceSelector(random)),
        _ => new ClusterPodSelection(NamespaceSelector(random), Selector(random, Keys)),
    };

    private static List<ClusterPort>? PortList(Random random) => random.Next(3) switch
    {
        0 => null,
        _ => Enumerable.Range(0, random.Next(1, 3)).Select(_ => Port(random)).ToList(),
    };

    private static ClusterPort Port(Random random)
    {
        var protocol = random.Next(3) switch { 0 => Protocol.UDP, 1 => Protocol.SCTP, _ => Protocol.TCP };
        return random.Next(4) switch
        {
            0 => new ClusterPort.Named(Pick(random, PortNames)),
            1 => new ClusterPort.Range(protocol, 1, 1000),
            _ => new ClusterPort.Number(protocol, Pick(random, Ports)),
        };
    }

    private static LabelSelector NamespaceSelector(Random random) => random.Next(4) switch
    {
        0 => LabelSelector.WithLabels((WellKnownLabels.NamespaceName, Pick(random, NamespaceNames))),
        1 => LabelSelector.Everything,
        _ => Selector(random, ["team", "env"]),
    };

    private static LabelSelector Selector(Random random, string[] keys)
    {
        var labels = Labels.Of(keys.Where(_ => random.Next(4) == 0).Select(k => (k, Pick(random, Values))).ToArray());
        var expressions = new List<LabelSelectorRequirement>();
        if (random.Next(3) == 0)
        {
            var op = (SelectorOperator)random.Next(4);
            var values = op is SelectorOperator.In or SelectorOperator.NotIn
                ? Values.Where(_ => random.Next(2) == 0).DefaultIfEmpty("a").ToList()
                : [];
            expressions.Add(new LabelSelectorRequirement(Pick(random, keys), op, values));
        }

        return new LabelSelector(labels, expressions);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
