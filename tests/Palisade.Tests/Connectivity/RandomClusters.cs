using Palisade.Components.Kubernetes;

namespace Palisade.Tests.Connectivity;

/// <summary>
/// Small random clusters that exercise every feature (selectors of all shapes, named ports, endPort, protocol-only
/// ports, ipBlocks with except, IPv6, undeclared namespaces) from a fixed seed, so failures reproduce.
/// </summary>
internal static class RandomClusters
{
    private static readonly string[] Keys = ["app", "tier", "env"];
    private static readonly string[] Values = ["a", "b", "c"];
    private static readonly string[] NamespaceNames = ["n1", "n2", "n3", "n4"];
    private static readonly string[] PortNames = ["http", "dns", "metrics"];
    private static readonly int[] Ports = [53, 80, 443, 8080, 9090];
    private static readonly (string Cidr, string[] Except)[] Blocks =
    [
        ("0.0.0.0/0", []),
        ("0.0.0.0/0", ["10.0.0.0/8", "169.254.169.254/32"]),
        ("10.0.0.0/8", ["10.1.0.0/16"]),
        ("10.1.0.0/16", []),
        ("192.168.0.0/16", ["192.168.1.0/24", "192.168.2.0/24"]),
        ("8.8.8.0/24", []),
        ("2001:db8::/32", ["2001:db8:1::/48"]),
        ("::/0", []),
    ];

    public static ClusterModel Generate(int seed)
    {
        var random = new Random(seed);
        var namespaces = NamespaceNames.Take(3).Where(_ => random.Next(2) == 0)
            .Select(n => new NamespaceInfo(n, Labels.Of(RandomLabels(random, ["team", "env"]))))
            .ToList();
        var workloads = Enumerable.Range(0, random.Next(2, 9))
            .Select(i => new Workload(
                Pick(random, NamespaceNames),
                $"w{i}",
                random.Next(4) == 0 ? "StatefulSet" : "Deployment",
                Labels.Of(RandomLabels(random, Keys)),
                Enumerable.Range(0, random.Next(4)).Select(_ => new ContainerPort(
                    Pick(random, Ports),
                    random.Next(3) == 0 ? Protocol.UDP : Protocol.TCP,
                    random.Next(3) == 0 ? null : Pick(random, PortNames))).ToList()))
            .ToList();
        var policies = Enumerable.Range(0, random.Next(0, 6))
            .Select(i => new NetworkPolicy(
                $"p{i}",
                Pick(random, NamespaceNames),
                Selector(random, Keys),
                random.Next(4) switch
                {
                    0 => null,
                    1 => [PolicyType.Ingress],
                    2 => [PolicyType.Egress],
                    _ => [PolicyType.Ingress, PolicyType.Egress],
                },
                Rules(random),
                Rules(random)))
            .ToList();
        return new ClusterModel(namespaces, workloads, policies);
    }

    private static (string, string)[] RandomLabels(Random random, string[] keys) =>
        keys.Where(_ => random.Next(3) > 0).Select(k => (k, Pick(random, Values))).ToArray();

    private static IReadOnlyList<NetworkPolicyRule>? Rules(Random random) => random.Next(5) switch
    {
        0 => null,
        1 => [],
        _ => Enumerable.Range(0, random.Next(1, 4)).Select(_ => new NetworkPolicyRule(Peers(random), PortList(random))).ToList(),
    };

    private static IReadOnlyList<NetworkPolicyPeer>? Peers(Random random) => random.Next(6) switch
    {
        0 => null,
        1 => [],
        _ => Enumerable.Range(0, random.Next(1, 4)).Select(_ => Peer(random)).ToList(),
    };

    private static NetworkPolicyPeer Peer(Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                return new NetworkPolicyPeer(PodSelector: Selector(random, Keys));
            case 1:
                return new NetworkPolicyPeer(NamespaceSelector: NamespaceSelector(random));
            case 2:
                return new NetworkPolicyPeer(Selector(random, Keys), NamespaceSelector(random));
            default:
                var (cidr, except) = Pick(random, Blocks);
                return new NetworkPolicyPeer(IpBlock: new IpBlock(cidr, except.Where(_ => random.Next(3) > 0).ToList()));
        }
    }

    private static IReadOnlyList<NetworkPolicyPort>? PortList(Random random) => random.Next(4) switch
    {
        0 => null,
        1 => [],
        _ => Enumerable.Range(0, random.Next(1, 3)).Select(_ => Port(random)).ToList(),
    };

    private static NetworkPolicyPort Port(Random random)
    {
        Protocol? protocol = random.Next(3) switch { 0 => null, 1 => Protocol.TCP, _ => Protocol.UDP };
        return random.Next(5) switch
        {
            0 => new NetworkPolicyPort(protocol),
            1 => new NetworkPolicyPort(protocol, IntOrString.FromName(Pick(random, PortNames))),
            2 => new NetworkPolicyPort(protocol, 8000, 8080),
            _ => new NetworkPolicyPort(protocol, Pick(random, Ports)),
        };
    }

    private static LabelSelector NamespaceSelector(Random random) => random.Next(3) switch
    {
        0 => LabelSelector.WithLabels((WellKnownLabels.NamespaceName, Pick(random, NamespaceNames))),
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
