using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;

namespace Palisade.Tests.Connectivity;

/// <summary>A small in-memory cluster for focused tests; Analyze also checks the grouped engine against the oracle.</summary>
internal sealed class TestCluster
{
    private readonly List<NamespaceInfo> namespaces = [];
    private readonly List<Workload> workloads = [];
    private readonly List<NetworkPolicy> policies = [];
    private readonly List<ClusterNetworkPolicy> clusterPolicies = [];

    public TestCluster Namespace(string name, params (string Key, string Value)[] labels)
    {
        namespaces.Add(new NamespaceInfo(name, Labels.Of(labels)));
        return this;
    }

    public TestCluster Deployment(string ns, string name, (string Key, string Value)[] labels, params ContainerPort[] ports)
    {
        workloads.Add(new Workload(ns, name, "Deployment", Labels.Of(labels), ports));
        return this;
    }

    public TestCluster Deployment(string ns, string name, string app, params ContainerPort[] ports) =>
        Deployment(ns, name, [("app", app)], ports);

    public TestCluster Policy(NetworkPolicy policy)
    {
        policies.Add(policy);
        return this;
    }

    public TestCluster Policy(ClusterNetworkPolicy policy)
    {
        clusterPolicies.Add(policy);
        return this;
    }

    public ClusterModel Build() => new(namespaces, workloads, policies, clusterPolicies.Count == 0 ? null : clusterPolicies);

    public ConnectivityResult Analyze()
    {
        var model = Build();
        var result = ConnectivityAnalyzer.Analyze(model);
        Assert.Equal(Lines(PairwiseEvaluator.Evaluate(model)), Lines(result));
        return result;
    }

    public static List<string> Lines(ConnectivityResult result) => result.Connections.Select(c => c.ToString()).ToList();
}

/// <summary>Terse constructors for policies in tests.</summary>
internal static class Np
{
    public static NetworkPolicy Policy(
        string ns,
        string name,
        LabelSelector podSelector,
        PolicyType[]? types = null,
        NetworkPolicyRule[]? ingress = null,
        NetworkPolicyRule[]? egress = null) =>
        new(name, ns, podSelector, types, ingress, egress);

    public static LabelSelector App(string app) => LabelSelector.WithLabels(("app", app));

    public static LabelSelector Sel(params (string Key, string Value)[] labels) => LabelSelector.WithLabels(labels);

    public static LabelSelector Expr(params LabelSelectorRequirement[] requirements) =>
        new(new SortedDictionary<string, string>(StringComparer.Ordinal), requirements);

    public static LabelSelector NsName(string ns) => LabelSelector.WithLabels((WellKnownLabels.NamespaceName, ns));

    public static NetworkPolicyRule Rule(NetworkPolicyPeer[]? peers = null, params NetworkPolicyPort[] ports) =>
        new(peers, ports.Length == 0 ? null : ports);

    public static NetworkPolicyPeer Pods(LabelSelector selector) => new(PodSelector: selector);

    public static NetworkPolicyPeer Namespaces(LabelSelector selector) => new(NamespaceSelector: selector);

    public static NetworkPolicyPeer PodsIn(LabelSelector namespaces, LabelSelector pods) => new(pods, namespaces);

    public static NetworkPolicyPeer Block(string cidr, params string[] except) => new(IpBlock: new IpBlock(cidr, except));

    public static NetworkPolicyPort Tcp(int port, int? endPort = null) => new(Protocol.TCP, port, endPort);

    public static NetworkPolicyPort Udp(int port) => new(Protocol.UDP, port);

    public static NetworkPolicyPort Named(string name, Protocol? protocol = null) => new(protocol, IntOrString.FromName(name));

    public static ContainerPort Port(int port, string? name = null, Protocol protocol = Protocol.TCP) => new(port, protocol, name);

    public static readonly PolicyType[] Ingress = [PolicyType.Ingress];
    public static readonly PolicyType[] Egress = [PolicyType.Egress];
    public static readonly PolicyType[] Both = [PolicyType.Ingress, PolicyType.Egress];
}
