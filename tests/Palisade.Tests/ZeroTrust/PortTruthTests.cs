using Palisade.Components.Connectivity;
using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Examples;
using Palisade.Stacks.Composition;

namespace Palisade.Tests.ZeroTrust;

/// <summary>
/// Port truth: every port a rule names (flows, exposed and monitored ports) must be a container port of the tier,
/// numeric or named, with the rule's protocol. A port nothing listens on would pass every connectivity check.
/// </summary>
public class PortTruthTests
{
    private static InputError Reject(AppSpec app) => Assert.Throws<InputError>(() => AppValidator.Validate(app));

    private static IReadOnlyList<TierSpec> WithTier(string name, Func<TierSpec, TierSpec> change) =>
        SampleApp.Define().Tiers.Select(t => t.Name == name ? change(t) : t).ToList();

    [Fact]
    public void A_numeric_flow_port_the_destination_does_not_expose_names_the_source_the_flow_and_the_real_ports()
    {
        var error = Reject(SampleApp.Define(flows: [new FlowSpec("api", "worker", 8000)]));

        Assert.Equal("SampleApp.cs: app 'shop' flows[0] (api -> worker TCP/8000)", error.Location);
        Assert.Contains("tier 'worker' exposes no TCP port 8000 (it exposes TCP/7000)", error.Problem);
        Assert.Contains("add TCP container port 8000", error.Fix);
    }

    [Fact]
    public void The_shipped_apps_flow_to_ports_their_tiers_expose_and_a_wrong_port_in_one_is_refused()
    {
        foreach (var name in TestApps.Catalog.Names)
        {
            AppValidator.Validate(TestApps.Catalog.Find(name)!);
        }

        var voting = TestApps.Catalog.Find("voting")!;
        var error = Reject(voting with { Flows = voting.Flows.Select(f => f.To == "api" ? f with { Port = 8080 } : f).ToList() });

        Assert.StartsWith("examples/VotingApp.cs: app 'voting' flows[0] (frontend -> api TCP/8080)", error.Message);
        Assert.Contains("(it exposes TCP/8000 http)", error.Problem);
    }

    [Fact]
    public void The_port_must_carry_the_flows_protocol()
    {
        var error = Reject(SampleApp.Define(flows: [new FlowSpec("api", "db", 5432, Protocol.UDP)]));

        Assert.Contains("tier 'db' exposes no UDP port 5432 (it exposes TCP/5432 postgres)", error.Problem);
    }

    [Fact]
    public void A_flow_to_a_tier_without_ports_says_it_exposes_none()
    {
        var tiers = SampleApp.Define().Tiers.Append(new TierSpec("batch", "shop-api", [])).ToList();
        var error = Reject(SampleApp.Define(tiers: tiers, flows: [new FlowSpec("api", "batch", 9000)]));

        Assert.Contains("it exposes no container ports", error.Problem);
    }

    [Fact]
    public void A_named_port_lists_what_the_tier_exposes()
    {
        var error = Reject(SampleApp.Define(flows: [new FlowSpec("web", "api", "grpc")]));

        Assert.Contains("no TCP container port named 'grpc' (it exposes TCP/3000 http)", error.Problem);
    }

    [Fact]
    public void A_numeric_exposed_port_must_be_a_container_port()
    {
        var error = Reject(SampleApp.Define(tiers: WithTier("web", t => t with { ExposedPort = 80 })));

        Assert.Equal("SampleApp.cs: app 'shop' tier 'web' exposedPort", error.Location);
        Assert.Contains("exposes no TCP port 80 (it exposes TCP/8080 http, TCP/9090 metrics)", error.Problem);
    }

    [Fact]
    public void Every_monitored_port_is_checked_and_named_by_its_index()
    {
        var error = Reject(SampleApp.Define(tiers: WithTier("web", t => t with { MonitoredPorts = ["metrics", 8081] })));

        Assert.Equal("SampleApp.cs: app 'shop' tier 'web' monitoredPorts[1]", error.Location);
        Assert.Contains("exposes no TCP port 8081", error.Problem);
    }

    [Fact]
    public void A_port_monitored_by_name_and_by_number_is_monitored_twice()
    {
        var error = Reject(SampleApp.Define(tiers: WithTier("web", t => t with { MonitoredPorts = ["metrics", 9090] })));

        Assert.Contains("monitored twice", error.Problem);
    }

    [Fact]
    public void A_flow_declared_by_name_and_by_number_is_declared_twice()
    {
        var error = Reject(SampleApp.Define(flows: [new FlowSpec("api", "db", "postgres"), new FlowSpec("api", "db", 5432)]));

        Assert.Contains("flows[1]", error.Location);
        Assert.Contains("declared twice", error.Problem);
    }

    [Fact]
    public void Monitoring_scrapes_every_monitored_port_and_nothing_else()
    {
        var app = SampleApp.Define(tiers: WithTier("web", t => t with
        {
            Ports = [.. t.Ports, new ContainerPort(8081, Name: "health")],
            MonitoredPorts = ["metrics", 8081],
        }));
        var (_, tiered) = SampleApp.Create(app);
        var prometheus = new Workload("monitoring", "prometheus", "Deployment", Labels.Of(("app.kubernetes.io/name", "prometheus")), []);
        var dns = new Workload("kube-system", "coredns", "Deployment", Labels.Of((WellKnownLabels.KubeDnsApp, "kube-dns")), []);
        var namespaces = app.Namespaces.Append("monitoring").Append("kube-system").Select(n => new NamespaceInfo(n, Labels.Of())).ToList();
        var matrix = ConnectivityAnalyzer.Analyze(new ClusterModel(namespaces, [.. AppWorkloads.For(app), prometheus, dns],
            tiered.Namespaces.SelectMany(n => n.Policies).Concat(tiered.Policies).Select(p => p.Policy).ToList()));

        Assert.Equal(ConnectionSet.For(Protocol.TCP, 8081, 8081).Union(ConnectionSet.For(Protocol.TCP, 9090, 9090)),
            matrix.Between(prometheus.Id, "shop-web/web[Deployment]"));
        Assert.True(matrix.Between(prometheus.Id, "shop-api/api[Deployment]").IsEmpty);
    }

    [Fact]
    public void MetricsPort_is_shorthand_for_one_monitored_port()
    {
        var tier = new TierSpec("web", "shop-web", [new ContainerPort(9090, Name: "metrics")]) { MetricsPort = "metrics" };

        Assert.Equal(["metrics"], tier.MonitoredPorts.Select(p => p.ToString()));
    }
}
