using System.Net;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using static Palisade.Tests.Connectivity.Np;

namespace Palisade.Tests.Connectivity;

/// <summary>One test per rule of reference/netpol-semantics.md; every analysis is also checked against the pairwise oracle.</summary>
public sealed class NetworkPolicySemanticsTests
{
    private const string A = "ns/a[Deployment]";
    private const string B = "ns/b[Deployment]";
    private static readonly IPAddress Internet = IPAddress.Parse("8.8.8.8");

    private static TestCluster TwoApps() => new TestCluster()
        .Deployment("ns", "a", "a", Port(80, "http"))
        .Deployment("ns", "b", "b", Port(80, "http"), Port(5432, "pg"));

    [Fact]
    public void Without_policies_everything_is_allowed_both_ways_including_external()
    {
        var result = TwoApps().Analyze();

        Assert.True(result.Between(A, B).IsAll);
        Assert.True(result.Between(B, A).IsAll);
        Assert.True(result.ToExternal(A, Internet).IsAll);
        Assert.True(result.FromExternal(Internet, A).IsAll);
        Assert.Equal(
            [
                "ns/a[Deployment] => ns/b[Deployment] : All Connections",
                "ns/a[Deployment] => 0.0.0.0-255.255.255.255 : All Connections",
                "ns/b[Deployment] => ns/a[Deployment] : All Connections",
                "ns/b[Deployment] => 0.0.0.0-255.255.255.255 : All Connections",
                "0.0.0.0-255.255.255.255 => ns/a[Deployment] : All Connections",
                "0.0.0.0-255.255.255.255 => ns/b[Deployment] : All Connections",
            ],
            TestCluster.Lines(result));
    }

    [Fact]
    public void A_workload_is_never_connected_to_itself()
    {
        var result = TwoApps().Analyze();

        Assert.DoesNotContain(result.Connections, c => c.Source.Equals(c.Destination));
        Assert.True(result.Between(A, A).IsEmpty);
    }

    [Fact]
    public void Omitted_policy_types_without_egress_section_govern_ingress_only()
    {
        var result = TwoApps().Policy(Policy("ns", "p", App("a"), ingress: [])).Analyze();

        Assert.True(result.Between(B, A).IsEmpty);
        Assert.True(result.Between(A, B).IsAll);
        Assert.True(result.ToExternal(A, Internet).IsAll);
    }

    [Fact]
    public void Omitted_policy_types_with_an_empty_egress_section_also_govern_egress()
    {
        var result = TwoApps().Policy(Policy("ns", "p", App("a"), egress: [])).Analyze();

        Assert.True(result.Between(A, B).IsEmpty);
        Assert.True(result.ToExternal(A, Internet).IsEmpty);
        Assert.True(result.Between(B, A).IsEmpty);
    }

    [Fact]
    public void Given_policy_types_are_authoritative_even_when_rules_of_the_other_direction_exist()
    {
        var result = TwoApps()
            .Policy(Policy("ns", "p", App("a"), Egress, ingress: [Rule([Pods(App("nobody"))])], egress: [Rule(null, Tcp(80))]))
            .Analyze();

        Assert.True(result.Between(B, A).IsAll);
        Assert.Equal("TCP 80", result.Between(A, B).ToString());
    }

    [Fact]
    public void Ingress_type_without_rules_denies_all_ingress_to_selected_pods()
    {
        var result = TwoApps().Policy(Policy("ns", "deny", LabelSelector.Everything, Ingress)).Analyze();

        Assert.True(result.Between(A, B).IsEmpty);
        Assert.True(result.Between(B, A).IsEmpty);
        Assert.True(result.FromExternal(Internet, B).IsEmpty);
        Assert.True(result.ToExternal(B, Internet).IsAll);
    }

    [Fact]
    public void Only_selected_pods_are_isolated()
    {
        var result = TwoApps().Policy(Policy("ns", "deny", App("b"), Ingress)).Analyze();

        Assert.True(result.Between(A, B).IsEmpty);
        Assert.True(result.Between(B, A).IsAll);
    }

    [Fact]
    public void Spec_pod_selector_selects_only_pods_in_the_policy_namespace()
    {
        var result = TwoApps()
            .Deployment("other", "b", "b")
            .Policy(Policy("ns", "deny", App("b"), Ingress))
            .Analyze();

        Assert.True(result.Between(A, B).IsEmpty);
        Assert.True(result.Between(A, "other/b[Deployment]").IsAll);
    }

    [Fact]
    public void Policies_are_additive_across_policies_and_rules()
    {
        var result = TwoApps()
            .Policy(Policy("ns", "one", App("b"), Ingress, ingress: [Rule([Pods(App("a"))], Tcp(80))]))
            .Policy(Policy("ns", "two", App("b"), Ingress, ingress: [Rule([Pods(App("a"))], Tcp(5432)), Rule([Pods(App("a"))], Udp(53))]))
            .Analyze();

        Assert.Equal("TCP 80,5432; UDP 53", result.Between(A, B).ToString());
    }

    [Fact]
    public void Both_the_source_egress_and_the_destination_ingress_must_allow()
    {
        var egressOnly = TwoApps()
            .Policy(Policy("ns", "deny-in", App("b"), Ingress))
            .Policy(Policy("ns", "out", App("a"), Egress, egress: [Rule([Pods(App("b"))], Tcp(80))]))
            .Analyze();
        var ingressOnly = TwoApps()
            .Policy(Policy("ns", "deny-out", App("a"), Egress))
            .Policy(Policy("ns", "in", App("b"), Ingress, ingress: [Rule([Pods(App("a"))], Tcp(80))]))
            .Analyze();
        var both = TwoApps()
            .Policy(Policy("ns", "out", App("a"), Egress, egress: [Rule([Pods(App("b"))], Tcp(80), Tcp(443))]))
            .Policy(Policy("ns", "in", App("b"), Ingress, ingress: [Rule([Pods(App("a"))], Tcp(80), Tcp(5432))]))
            .Analyze();

        Assert.True(egressOnly.Between(A, B).IsEmpty);
        Assert.True(ingressOnly.Between(A, B).IsEmpty);
        Assert.Equal("TCP 80", both.Between(A, B).ToString());
    }

    [Fact]
    public void Pod_selector_peer_alone_means_pods_of_the_policy_namespace()
    {
        var result = TwoApps()
            .Deployment("other", "a", "a")
            .Policy(Policy("ns", "in", App("b"), Ingress, ingress: [Rule([Pods(App("a"))])]))
            .Analyze();

        Assert.True(result.Between(A, B).IsAll);
        Assert.True(result.Between("other/a[Deployment]", B).IsEmpty);
    }

    [Fact]
    public void Namespace_selector_peer_alone_means_every_pod_of_matching_namespaces()
    {
        var result = TwoApps()
            .Namespace("team", ("team", "blue"))
            .Deployment("team", "x", "x")
            .Deployment("team", "y", "y")
            .Deployment("other", "z", "z")
            .Policy(Policy("ns", "in", App("b"), Ingress, ingress: [Rule([Namespaces(Sel(("team", "blue")))])]))
            .Analyze();

        Assert.True(result.Between("team/x[Deployment]", B).IsAll);
        Assert.True(result.Between("team/y[Deployment]", B).IsAll);
        Assert.True(result.Between("other/z[Deployment]", B).IsEmpty);
        Assert.True(result.Between(A, B).IsEmpty);
    }

    [Fact]
    public void Pod_and_namespace_selector_in_one_entry_are_ANDed_and_separate_entries_ORed()
    {
        var cluster = () => TwoApps()
            .Namespace("team", ("team", "blue"))
            .Deployment("team", "a", "a")
            .Deployment("team", "x", "x");
        var and = cluster().Policy(Policy("ns", "in", App("b"), Ingress, ingress: [Rule([PodsIn(Sel(("team", "blue")), App("a"))])])).Analyze();
        var or = cluster().Policy(Policy("ns", "in", App("b"), Ingress, ingress: [Rule([Namespaces(Sel(("team", "blue"))), Pods(App("a"))])])).Analyze();

        Assert.True(and.Between("team/a[Deployment]", B).IsAll);
        Assert.True(and.Between("team/x[Deployment]", B).IsEmpty);
        Assert.True(and.Between(A, B).IsEmpty);
        Assert.True(or.Between("team/a[Deployment]", B).IsAll);
        Assert.True(or.Between("team/x[Deployment]", B).IsAll);
        Assert.True(or.Between(A, B).IsAll);
    }

    [Fact]
    public void IpBlock_matches_external_addresses_minus_except_and_never_workloads()
    {
        var result = TwoApps()
            .Policy(Policy("ns", "out", App("a"), Egress, egress: [Rule([Block("0.0.0.0/0", "10.0.0.0/8")], Tcp(443))]))
            .Analyze();

        Assert.True(result.Between(A, B).IsEmpty);
        Assert.Equal("TCP 443", result.ToExternal(A, Internet).ToString());
        Assert.True(result.ToExternal(A, IPAddress.Parse("10.1.2.3")).IsEmpty);
        Assert.Contains("ns/a[Deployment] => 0.0.0.0-9.255.255.255,11.0.0.0-255.255.255.255 : TCP 443", TestCluster.Lines(result));
    }

    [Fact]
    public void Ingress_ipBlock_admits_only_those_external_sources()
    {
        var result = TwoApps()
            .Policy(Policy("ns", "in", App("b"), Ingress, ingress: [Rule([Block("192.168.0.0/16", "192.168.1.0/24")])]))
            .Analyze();

        Assert.True(result.FromExternal(IPAddress.Parse("192.168.2.1"), B).IsAll);
        Assert.True(result.FromExternal(IPAddress.Parse("192.168.1.1"), B).IsEmpty);
        Assert.True(result.FromExternal(Internet, B).IsEmpty);
        Assert.True(result.Between(A, B).IsEmpty);
    }

    [Fact]
    public void Protocol_defaults_to_TCP()
    {
        var result = TwoApps()
            .Policy(Policy("ns", "in", App("b"), Ingress, ingress: [Rule([Pods(App("a"))], new NetworkPolicyPort(Port: 5432))]))
            .Analyze();

        Assert.True(result.Allows(A, B, Protocol.TCP, 5432));
        Assert.False(result.Allows(A, B, Protocol.UDP, 5432));
    }

    [Fact]
    public void Protocol_without_port_means_every_port_of_that_protocol()
    {
        var result = TwoApps()
            .Policy(Policy("ns", "in", App("b"), Ingress, ingress: [Rule([Pods(App("a"))], new NetworkPolicyPort(Protocol.UDP))]))
            .Analyze();

        Assert.Equal("UDP 1-65535", result.Between(A, B).ToString());
        Assert.False(result.Between(A, B).IsAll);
    }

    [Fact]
    public void EndPort_makes_an_inclusive_range()
    {
        var result = TwoApps()
            .Policy(Policy("ns", "in", App("b"), Ingress, ingress: [Rule([Pods(App("a"))], Tcp(8000, 8080))]))
            .Analyze();

        Assert.True(result.Allows(A, B, Protocol.TCP, 8000));
        Assert.True(result.Allows(A, B, Protocol.TCP, 8080));
        Assert.False(result.Allows(A, B, Protocol.TCP, 8081));
        Assert.Equal("TCP 8000-8080", result.Between(A, B).ToString());
    }

    [Fact]
    public void Rule_without_peers_or_ports_matches_every_peer_and_port()
    {
        var result = TwoApps()
            .Deployment("other", "z", "z")
            .Policy(Policy("ns", "in", App("b"), Ingress, ingress: [Rule(null, Tcp(80)), new NetworkPolicyRule([], [])]))
            .Analyze();

        Assert.True(result.Between("other/z[Deployment]", B).IsAll);
        Assert.True(result.FromExternal(Internet, B).IsAll);
    }

    [Fact]
    public void Ingress_named_port_resolves_on_the_selected_destination_pod()
    {
        var result = new TestCluster()
            .Deployment("ns", "client", "client")
            .Deployment("ns", "web", [("role", "server")], Port(8080, "http"))
            .Deployment("ns", "api", [("role", "server")], Port(9000, "http"))
            .Deployment("ns", "none", [("role", "server")], Port(9000, "other"))
            .Policy(Policy("ns", "in", Sel(("role", "server")), Ingress, ingress: [Rule([Pods(App("client"))], Named("http"))]))
            .Analyze();

        Assert.Equal("TCP 8080", result.Between("ns/client[Deployment]", "ns/web[Deployment]").ToString());
        Assert.Equal("TCP 9000", result.Between("ns/client[Deployment]", "ns/api[Deployment]").ToString());
        Assert.True(result.Between("ns/client[Deployment]", "ns/none[Deployment]").IsEmpty);
    }

    [Fact]
    public void Ingress_named_port_from_an_address_block_resolves_on_the_selected_pod()
    {
        // An ALB with target type ip reaches pod IPs from its subnets: the rule names the pod's port, the source is an
        // ipBlock. The named port is resolved on the destination, which is the selected pod, so it matches.
        var result = new TestCluster()
            .Deployment("ns", "web", "web", Port(8080, "http"))
            .Policy(Policy("ns", "lb", App("web"), Ingress, ingress: [Rule([Block("10.20.0.0/16")], Named("http"))]))
            .Analyze();

        Assert.Equal("TCP 8080", result.FromExternal(IPAddress.Parse("10.20.3.4"), "ns/web[Deployment]").ToString());
        Assert.True(result.FromExternal(IPAddress.Parse("10.21.0.1"), "ns/web[Deployment]").IsEmpty);
    }

    [Fact]
    public void Egress_named_port_resolves_on_the_peer_pod_and_never_on_external_addresses()
    {
        var result = new TestCluster()
            .Deployment("ns", "client", "client", Port(7000, "http"))
            .Deployment("ns", "web", "web", Port(8080, "http"))
            .Deployment("ns", "api", "api", Port(9000, "http"))
            .Policy(Policy("ns", "out", App("client"), Egress, egress: [Rule(null, Named("http"))]))
            .Analyze();

        Assert.Equal("TCP 8080", result.Between("ns/client[Deployment]", "ns/web[Deployment]").ToString());
        Assert.Equal("TCP 9000", result.Between("ns/client[Deployment]", "ns/api[Deployment]").ToString());
        Assert.True(result.ToExternal("ns/client[Deployment]", Internet).IsEmpty);
    }

    [Fact]
    public void Named_port_must_match_the_container_port_protocol()
    {
        var result = new TestCluster()
            .Deployment("ns", "client", "client")
            .Deployment("ns", "dns", "dns", Port(53, "dns", Protocol.UDP), Port(53, "dns-tcp"))
            .Policy(Policy("ns", "in", App("dns"), Ingress, ingress: [Rule(null, Named("dns", Protocol.UDP), Named("dns"))]))
            .Analyze();

        Assert.Equal("UDP 53", result.Between("ns/client[Deployment]", "ns/dns[Deployment]").ToString());
    }

    [Fact]
    public void Match_expressions_support_all_operators_and_NotIn_DoesNotExist_match_missing_keys()
    {
        var cluster = () => new TestCluster()
            .Deployment("ns", "prod", [("app", "x"), ("env", "prod")])
            .Deployment("ns", "dev", [("app", "y"), ("env", "dev")])
            .Deployment("ns", "bare", [("app", "z")])
            .Deployment("ns", "target", "target");
        string[] sources = ["ns/prod[Deployment]", "ns/dev[Deployment]", "ns/bare[Deployment]"];
        bool[] Allowed(SelectorOperator op, params string[] values)
        {
            var selector = Expr(new LabelSelectorRequirement("env", op, values));
            var result = cluster().Policy(Policy("ns", "in", App("target"), Ingress, ingress: [Rule([Pods(selector)])])).Analyze();
            return sources.Select(s => result.Between(s, "ns/target[Deployment]").IsAll).ToArray();
        }

        Assert.Equal([true, false, false], Allowed(SelectorOperator.In, "prod"));
        Assert.Equal([false, true, true], Allowed(SelectorOperator.NotIn, "prod"));
        Assert.Equal([true, true, false], Allowed(SelectorOperator.Exists));
        Assert.Equal([false, false, true], Allowed(SelectorOperator.DoesNotExist));
    }

    [Fact]
    public void Namespaces_carry_the_implicit_metadata_name_label_even_without_a_manifest()
    {
        var result = TwoApps()
            .Namespace("declared", ("team", "x"))
            .Deployment("declared", "d", "d")
            .Deployment("undeclared", "u", "u")
            .Policy(Policy("ns", "in", App("b"), Ingress, ingress: [Rule([Namespaces(NsName("declared")), Namespaces(NsName("undeclared"))])]))
            .Analyze();

        Assert.True(result.Between("declared/d[Deployment]", B).IsAll);
        Assert.True(result.Between("undeclared/u[Deployment]", B).IsAll);
        Assert.True(result.Between(A, B).IsEmpty);
    }

    [Fact]
    public void A_declared_metadata_name_label_cannot_override_the_real_name()
    {
        var result = TwoApps()
            .Namespace("impostor", (WellKnownLabels.NamespaceName, "ns"))
            .Deployment("impostor", "i", "i")
            .Policy(Policy("ns", "in", App("b"), Ingress, ingress: [Rule([Namespaces(NsName("ns"))])]))
            .Analyze();

        Assert.True(result.Between(A, B).IsAll);
        Assert.True(result.Between("impostor/i[Deployment]", B).IsEmpty);
    }

    [Fact]
    public void External_space_is_split_at_every_boundary_and_equal_neighbours_are_merged()
    {
        var result = TwoApps()
            .Policy(Policy("ns", "out", App("a"), Egress, egress:
            [
                Rule([Block("10.0.0.0/8", "10.1.0.0/16")], Tcp(443)),
                Rule([Block("11.0.0.0/8")], Tcp(443)),
                Rule([Block("10.1.0.0/16")], Tcp(80)),
            ]))
            .Analyze();

        var external = result.Connections.Where(c => c.Source.Name == A && c.Destination.IsExternal).Select(c => c.ToString()).ToList();
        Assert.Equal(
            [
                "ns/a[Deployment] => 10.0.0.0-10.0.255.255,10.2.0.0-11.255.255.255 : TCP 443",
                "ns/a[Deployment] => 10.1.0.0-10.1.255.255 : TCP 80",
            ],
            external);
    }

    [Fact]
    public void IPv6_blocks_are_reported_only_when_a_policy_uses_an_IPv6_CIDR()
    {
        var v4 = TwoApps().Analyze();
        var v6 = TwoApps()
            .Policy(Policy("ns", "out", App("a"), Egress, egress: [Rule([Block("2001:db8::/32")], Tcp(443))]))
            .Analyze();

        Assert.DoesNotContain(v4.Connections, c => c.ToString().Contains("::", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => v4.ToExternal(A, IPAddress.Parse("2001:db8::1")));
        Assert.Contains("ns/a[Deployment] => 2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff : TCP 443", TestCluster.Lines(v6));
        Assert.Contains("ns/b[Deployment] => ::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff : All Connections", TestCluster.Lines(v6));
        Assert.True(v6.ToExternal(A, Internet).IsEmpty);
    }

    [Fact]
    public void Every_connection_pair_appears_once_and_sorted()
    {
        var result = TwoApps()
            .Deployment("aa", "z", "z")
            .Policy(Policy("ns", "out", App("a"), Egress, egress: [Rule([Block("0.0.0.0/1")], Tcp(1)), Rule([Block("128.0.0.0/1")], Tcp(2))]))
            .Analyze();

        var sorted = result.Connections.Order(ConnectionOrder.Instance).ToList();
        Assert.Equal(sorted, result.Connections);
        Assert.Equal(result.Connections.Count, result.Connections.Select(c => (c.Source.Name, c.Destination.Name)).Distinct().Count());
    }

    [Fact]
    public void Invalid_policies_are_input_errors_naming_the_policy_and_key()
    {
        var cluster = TwoApps()
            .Policy(Policy("ns", "bad", App("a"), Egress, egress: [Rule([Block("10.0.0.0/8", "11.0.0.0/16")])]))
            .Build();

        var error = Assert.Throws<Palisade.Components.Diagnostics.InputError>(() => ConnectivityAnalyzer.Analyze(cluster));
        Assert.Equal("NetworkPolicy ns/bad: spec.egress[0].to[0].ipBlock.except[0]", error.Location);
        Assert.Throws<Palisade.Components.Diagnostics.InputError>(() => PairwiseEvaluator.Evaluate(cluster));
    }
}
