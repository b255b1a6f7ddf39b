using System.Net;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using static Palisade.Tests.Connectivity.Np;

namespace Palisade.Tests.Connectivity;

/// <summary>
/// The order of the tiers (platform-facts.md, "Cluster-scoped policy APIs"): Admin by priority, then NetworkPolicy,
/// then Baseline, then the default allow. Every analysis is also checked against the pairwise oracle.
/// </summary>
public sealed class ClusterTierPrecedenceTests
{
    private const string A = "team-a/a[Deployment]";
    private const string B = "team-b/b[Deployment]";
    private const string C = "team-c/c[Deployment]";
    private static readonly IPAddress Metadata = IPAddress.Parse("169.254.169.254");
    private static readonly IPAddress Internet = IPAddress.Parse("8.8.8.8");

    private static TestCluster ThreeTeams() => new TestCluster()
        .Namespace("team-a", ("team", "a"))
        .Namespace("team-b", ("team", "b"))
        .Namespace("team-c", ("team", "c"))
        .Deployment("team-a", "a", "a", Port(80, "http"))
        .Deployment("team-b", "b", "b", Port(80, "http"), Port(5432, "pg"))
        .Deployment("team-c", "c", "c", Port(80, "http"));

    private static readonly NetworkPolicy DenyAllIngressToB = Policy("team-b", "deny-all", LabelSelector.Everything, Ingress);

    [Fact]
    public void Admin_accept_wins_over_a_network_policy_that_denies()
    {
        var result = ThreeTeams()
            .Policy(DenyAllIngressToB)
            .Policy(Cnp.Admin("allow-a-web", 10, Cnp.Namespaces(("team", "b")),
                ingress: [Cnp.Rule("web", PolicyAction.Accept, [Cnp.FromNamespaces(("team", "a"))], Cnp.Tcp(80))]))
            .Analyze();

        Assert.Equal("TCP 80", result.Between(A, B).ToString());
        Assert.True(result.Between(C, B).IsEmpty);
    }

    [Fact]
    public void Admin_deny_is_final_even_when_a_network_policy_allows()
    {
        var result = ThreeTeams()
            .Policy(Policy("team-b", "allow-all", LabelSelector.Everything, Ingress, ingress: [Rule()]))
            .Policy(Cnp.Admin("no-a", 10, Cnp.Namespaces(("team", "b")),
                ingress: [Cnp.Rule("deny-a", PolicyAction.Deny, [Cnp.FromNamespaces(("team", "a"))])]))
            .Analyze();

        Assert.True(result.Between(A, B).IsEmpty);
        Assert.True(result.Between(C, B).IsAll);
    }

    [Fact]
    public void Admin_pass_hands_the_traffic_to_the_network_policies_and_skips_the_rest_of_the_admin_tier()
    {
        var result = ThreeTeams()
            .Policy(Policy("team-b", "web-from-a", App("b"), Ingress, ingress: [Rule([PodsIn(Sel(("team", "a")), LabelSelector.Everything)], Tcp(80))]))
            .Policy(Cnp.Admin("pass-a", 1, Cnp.Namespaces(("team", "b")),
                ingress: [Cnp.Rule("pass", PolicyAction.Pass, [Cnp.FromNamespaces(("team", "a"))])]))
            .Policy(Cnp.Admin("deny-everyone", 2, Cnp.Namespaces(("team", "b")),
                ingress: [Cnp.Rule("deny", PolicyAction.Deny, [Cnp.FromNamespaces()])]))
            .Analyze();

        Assert.Equal("TCP 80", result.Between(A, B).ToString());
        Assert.True(result.Between(C, B).IsEmpty);
    }

    [Fact]
    public void Admin_pass_without_a_network_policy_lets_the_baseline_decide()
    {
        var passed = ThreeTeams()
            .Policy(Cnp.Admin("pass-a", 1, Cnp.Namespaces(("team", "b")),
                ingress: [Cnp.Rule("pass", PolicyAction.Pass, [Cnp.FromNamespaces(("team", "a"))])]))
            .Policy(Cnp.Baseline("default", 0, Cnp.Namespaces(("team", "b")),
                ingress: [Cnp.Rule("deny-a", PolicyAction.Deny, [Cnp.FromNamespaces(("team", "a"))])]))
            .Analyze();
        var accepted = ThreeTeams()
            .Policy(Cnp.Admin("accept-a", 1, Cnp.Namespaces(("team", "b")),
                ingress: [Cnp.Rule("accept", PolicyAction.Accept, [Cnp.FromNamespaces(("team", "a"))])]))
            .Policy(Cnp.Baseline("default", 0, Cnp.Namespaces(("team", "b")),
                ingress: [Cnp.Rule("deny-a", PolicyAction.Deny, [Cnp.FromNamespaces(("team", "a"))])]))
            .Analyze();

        Assert.True(passed.Between(A, B).IsEmpty);
        Assert.True(accepted.Between(A, B).IsAll);
        Assert.True(passed.Between(C, B).IsAll);
    }

    [Fact]
    public void Baseline_denies_when_no_network_policy_selects_the_pod()
    {
        var result = ThreeTeams()
            .Policy(Cnp.Baseline("default", 0, Cnp.Namespaces(),
                ingress: [Cnp.Rule("tenant-isolation", PolicyAction.Deny, [Cnp.FromNamespaces(("team", "a"))], Cnp.Tcp(1, 1000))]))
            .Analyze();

        Assert.Equal("TCP 1001-65535; UDP 1-65535; SCTP 1-65535; other protocols", result.Between(A, B).ToString());
        Assert.True(result.Between(C, B).IsAll);
        Assert.True(result.FromExternal(Internet, B).IsAll);
    }

    [Fact]
    public void A_network_policy_that_selects_the_pod_keeps_the_baseline_out_of_that_direction_only()
    {
        var result = ThreeTeams()
            .Policy(Policy("team-b", "allow-all-ingress", App("b"), Ingress, ingress: [Rule()]))
            .Policy(Cnp.Baseline("default", 0, Cnp.Namespaces(("team", "b")),
                ingress: [Cnp.Rule("deny-a", PolicyAction.Deny, [Cnp.FromNamespaces(("team", "a"))])],
                egress: [Cnp.Rule("deny-to-a", PolicyAction.Deny, [Cnp.FromNamespaces(("team", "a"))])]))
            .Analyze();

        Assert.True(result.Between(A, B).IsAll);
        Assert.True(result.Between(B, A).IsEmpty);
    }

    [Fact]
    public void Equal_priorities_are_ordered_by_kind_then_name()
    {
        TestCluster Cluster(string denyName, string acceptName) => ThreeTeams()
            .Policy(Cnp.Admin(denyName, 5, Cnp.Namespaces(("team", "b")), ingress: [Cnp.Rule("deny", PolicyAction.Deny, [Cnp.FromNamespaces()])]))
            .Policy(Cnp.Admin(acceptName, 5, Cnp.Namespaces(("team", "b")), ingress: [Cnp.Rule("accept", PolicyAction.Accept, [Cnp.FromNamespaces()])]));

        Assert.True(Cluster("a-deny", "b-accept").Analyze().Between(A, B).IsEmpty);
        Assert.True(Cluster("b-deny", "a-accept").Analyze().Between(A, B).IsAll);
    }

    [Fact]
    public void Lower_priority_number_wins_inside_the_admin_tier()
    {
        var result = ThreeTeams()
            .Policy(Cnp.Admin("z-accept", 1, Cnp.Namespaces(("team", "b")), ingress: [Cnp.Rule("accept", PolicyAction.Accept, [Cnp.FromNamespaces()], Cnp.Tcp(80))]))
            .Policy(Cnp.Admin("a-deny", 2, Cnp.Namespaces(("team", "b")), ingress: [Cnp.Rule("deny", PolicyAction.Deny, [Cnp.FromNamespaces()])]))
            .Analyze();

        Assert.Equal("TCP 80", result.Between(A, B).ToString());
    }

    [Fact]
    public void Admin_egress_deny_to_a_network_beats_a_network_policy_that_allows_everything()
    {
        var result = ThreeTeams()
            .Policy(Policy("team-a", "egress-anywhere", App("a"), Egress, egress: [Rule([Block("0.0.0.0/0")])]))
            .Policy(Cnp.Admin("no-metadata", 0, Cnp.Namespaces(),
                egress: [Cnp.Rule("metadata", PolicyAction.Deny, [Cnp.ToNetworks("169.254.169.254/32")])]))
            .Analyze();

        Assert.True(result.ToExternal(A, Metadata).IsEmpty);
        Assert.True(result.ToExternal(A, Internet).IsAll);
        Assert.True(result.ToExternal(B, Metadata).IsEmpty);
    }

    [Fact]
    public void Named_ports_of_cluster_rules_resolve_on_the_destination_with_its_protocol()
    {
        var result = ThreeTeams()
            .Policy(DenyAllIngressToB)
            .Policy(Cnp.Admin("pg", 0, Cnp.Namespaces(("team", "b")),
                ingress: [Cnp.Rule("pg", PolicyAction.Accept, [Cnp.FromNamespaces(("team", "a"))], new ClusterPort.Named("pg"))]))
            .Analyze();

        Assert.Equal("TCP 5432", result.Between(A, B).ToString());
    }

    [Fact]
    public void A_peer_the_analysis_cannot_model_is_named_in_the_assumptions()
    {
        var result = ThreeTeams()
            .Policy(Cnp.Admin("nodes", 0, Cnp.Namespaces(),
                egress: [Cnp.Rule("to-nodes", PolicyAction.Deny, [new ClusterPeer(Unmodelled: "nodes")])]))
            .Analyze();

        Assert.Equal(["ClusterNetworkPolicy/nodes: egress rule 'to-nodes' (#0) has a nodes peer, which the analysis cannot model; it is treated as matching nothing"], result.Assumptions);
        Assert.True(result.ToExternal(A, Internet).IsAll);
    }
}

/// <summary>Terse constructors for cluster policies in tests.</summary>
internal static class Cnp
{
    public static ClusterNetworkPolicy Admin(string name, int priority, ClusterPodSelection subject,
        ClusterPolicyRule[]? ingress = null, ClusterPolicyRule[]? egress = null) =>
        new(ClusterPolicyKind.ClusterNetworkPolicy, name, PolicyTier.Admin, priority, subject, ingress ?? [], egress ?? []);

    public static ClusterNetworkPolicy Baseline(string name, int priority, ClusterPodSelection subject,
        ClusterPolicyRule[]? ingress = null, ClusterPolicyRule[]? egress = null) =>
        new(ClusterPolicyKind.ClusterNetworkPolicy, name, PolicyTier.Baseline, priority, subject, ingress ?? [], egress ?? []);

    public static ClusterPodSelection Namespaces(params (string Key, string Value)[] labels) => new(Sel(labels));

    public static ClusterPeer FromNamespaces(params (string Key, string Value)[] labels) => new(new ClusterPodSelection(Sel(labels)));

    public static ClusterPeer ToNetworks(params string[] cidrs) => new(Networks: cidrs);

    public static ClusterPolicyRule Rule(string name, PolicyAction action, ClusterPeer[] peers, params ClusterPort[] ports) =>
        new(name, action, peers, ports.Length == 0 ? null : ports);

    public static ClusterPort Tcp(int port) => new ClusterPort.Number(Protocol.TCP, port);

    public static ClusterPort Tcp(int start, int end) => new ClusterPort.Range(Protocol.TCP, start, end);
}
