using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Examples;

namespace Palisade.Tests.ZeroTrust;

/// <summary>
/// An invariant is refused when it names what does not exist; a declaration that contradicts one (a flow, external
/// egress, exposure, monitored port) is refused naming both, before anything is synthesized.
/// </summary>
public class AppInvariantValidationTests
{
    private static InputError Reject(AppSpec app) => Assert.Throws<InputError>(() => AppValidator.Validate(app));

    private static AppSpec Shop(params AppInvariant[] invariants) => SampleApp.Define() with { Invariants = invariants };

    [Fact]
    public void A_flow_GovTech_forbids_is_refused_naming_the_flow_and_the_invariant()
    {
        var govtech = TestApps.Catalog.Find("govtech")!;
        var error = Reject(govtech with { Flows = [.. govtech.Flows, new FlowSpec("frontend", "database", 5432)] });

        Assert.Equal($"examples/GovTechApp.cs: app 'govtech' flows[{govtech.Flows.Count}] (frontend -> database TCP/5432)", error.Location);
        var index = govtech.Invariants.ToList().FindIndex(i => i is ReachableOnlyFrom { Tier: "database" });
        Assert.Equal($"the flow contradicts invariants[{index}] (database is reachable only from backend)", error.Problem);
    }

    [Fact]
    public void Every_never_invariant_of_the_shipped_apps_refuses_the_flow_it_forbids()
    {
        foreach (var app in TestApps.Catalog.Names.Select(n => TestApps.Catalog.Find(n)!))
        {
            foreach (var never in app.Invariants.OfType<NeverReaches>())
            {
                var to = app.Tier(never.To);
                var port = to.Ports.Count > 0 ? to.Ports[0].Port : 0;
                if (port == 0)
                {
                    continue; // A tier without ports cannot be the target of any flow.
                }

                var error = Reject(app with { Flows = [.. app.Flows, new FlowSpec(never.From, never.To, port)] });
                Assert.Contains("the flow contradicts invariants[", error.Problem);
            }
        }
    }

    [Fact]
    public void A_per_port_never_compares_named_and_numeric_ports_on_the_destination()
    {
        var error = Reject(Shop(AppInvariant.Never("web", "api", 3000)));

        Assert.Contains("flows[0] (web -> api TCP/http)", error.Location);
        Assert.Contains("never web -> api TCP/3000", error.Problem);
    }

    [Fact]
    public void A_per_port_never_on_another_port_or_protocol_allows_the_flow()
    {
        var tiers = SampleApp.Define().Tiers.Select(t => t.Name == "api" ? t with { Ports = [.. t.Ports, new ContainerPort(3001, Name: "admin"), new ContainerPort(3000, Protocol.UDP)] } : t).ToList();
        AppValidator.Validate(SampleApp.Define(tiers: tiers) with
        {
            Invariants = [AppInvariant.Never("web", "api", "admin"), AppInvariant.Never("web", "api", 3000, Protocol.UDP)],
        });
    }

    [Fact]
    public void No_egress_beyond_dns_refuses_flows_and_external_egress_from_the_tier()
    {
        Assert.Contains("the flow contradicts invariants[0] (api has no egress beyond DNS)", Reject(Shop(AppInvariant.NoEgressBeyondDns("api"))).Problem);

        var egressOnly = SampleApp.Define(flows: [new FlowSpec("web", "api", "http")]) with { Invariants = [AppInvariant.NoEgressBeyondDns("api")] };
        var error = Reject(egressOnly);
        Assert.Contains("externalEgress[0]", error.Location);
        Assert.Contains("the external egress contradicts invariants[0]", error.Problem);
    }

    [Fact]
    public void Only_from_refuses_other_sources_exposure_and_monitoring()
    {
        Assert.Contains("flows[0] (web -> api", Reject(Shop(AppInvariant.OnlyFrom("api", "worker"))).Location);

        var exposed = Reject(SampleApp.Define(flows: []) with { Invariants = [AppInvariant.OnlyFrom("web", "api")] });
        Assert.Equal("SampleApp.cs: app 'shop' tier 'web' exposedPort", exposed.Location);

        var tiers = SampleApp.Define().Tiers.Select(t => t.Name == "web" ? t with { ExposedPort = null } : t).ToList();
        var monitored = Reject(SampleApp.Define(tiers: tiers, flows: []) with { Invariants = [AppInvariant.OnlyFrom("web", "api")] });
        Assert.Equal("SampleApp.cs: app 'shop' tier 'web' monitoredPorts", monitored.Location);
        Assert.Contains("letting monitoring scrape the tier contradicts", monitored.Problem);
    }

    [Fact]
    public void Never_from_outside_refuses_an_exposed_tier()
    {
        var error = Reject(Shop(AppInvariant.NeverFromOutside("web")));

        Assert.Contains("exposing the tier to the ingress controller or load balancer contradicts invariants[0] (web is never reached from outside the cluster)", error.Problem);
    }

    [Fact]
    public void Unknown_tiers_and_ports_in_invariants_are_refused()
    {
        var tier = Reject(Shop(AppInvariant.Never("web", "databse")));
        Assert.Equal("SampleApp.cs: app 'shop' invariants[0] (never web -> databse) tier", tier.Location);
        Assert.Contains("api, db, web, worker", tier.Fix);

        var port = Reject(Shop(AppInvariant.Never("worker", "db", 5433)));
        Assert.Contains("exposes no TCP port 5433", port.Problem);
        Assert.Contains("so the invariant would guard nothing", port.Problem);
    }

    [Fact]
    public void Malformed_and_duplicate_invariants_are_refused()
    {
        Assert.Contains("reach itself", Reject(Shop(AppInvariant.Never("db", "db"))).Problem);
        Assert.Contains("unreachable", Reject(Shop(AppInvariant.OnlyFrom("db"))).Problem);
        Assert.Contains("the tier itself", Reject(Shop(AppInvariant.OnlyFrom("db", "api", "db"))).Problem);
        Assert.Contains("declared twice", Reject(Shop(AppInvariant.Never("worker", "db", "postgres"), AppInvariant.Never("worker", "db", 5432))).Problem);
        Assert.Contains("declared twice", Reject(Shop(AppInvariant.OnlyFrom("db", "api", "worker"), AppInvariant.OnlyFrom("db", "worker", "api"))).Problem);
    }

    [Fact]
    public void Consistent_invariants_validate()
    {
        AppValidator.Validate(Shop(
            AppInvariant.Never("web", "db"),
            AppInvariant.Never("worker", "db", 5432),
            AppInvariant.OnlyFrom("db", "api"),
            AppInvariant.NoEgressBeyondDns("db"),
            AppInvariant.NeverFromOutside("db")));
    }
}
