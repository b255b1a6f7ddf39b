using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Tests.ZeroTrust;

public class AppValidatorTests
{
    private static InputError Reject(AppSpec app) => Assert.Throws<InputError>(() => AppValidator.Validate(app));

    [Fact]
    public void The_sample_app_is_valid() => AppValidator.Validate(SampleApp.Define());

    [Fact]
    public void An_unknown_tier_in_a_flow_names_the_flow_and_the_known_tiers()
    {
        var error = Reject(SampleApp.Define(flows: [new FlowSpec("web", "apii", 3000)]));

        Assert.Contains("SampleApp.cs: app 'shop' flows[0] (web -> apii TCP/3000) to", error.Location);
        Assert.Contains("unknown tier 'apii'", error.Problem);
        Assert.Contains("api, db, web, worker", error.Fix);
    }

    [Fact]
    public void Duplicate_tier_names_are_rejected()
    {
        var tiers = SampleApp.Define().Tiers.Append(new TierSpec("api", "other", [])).ToList();
        var error = Reject(SampleApp.Define(tiers: tiers));

        Assert.Contains("tier 'api'", error.Location);
        Assert.Contains("used twice", error.Problem);
    }

    [Fact]
    public void Duplicate_flows_are_rejected()
    {
        var error = Reject(SampleApp.Define(flows: [new FlowSpec("api", "db", 5432), new FlowSpec("api", "db", 5432)]));
        Assert.Contains("flows[1]", error.Location);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    [InlineData(-1)]
    public void A_flow_port_out_of_range_is_rejected(int port)
    {
        var error = Reject(SampleApp.Define(flows: [new FlowSpec("api", "db", port)]));

        Assert.Contains($"port {port} is out of range", error.Problem);
        Assert.Contains("1 to 65535", error.Fix);
    }

    [Fact]
    public void A_container_port_out_of_range_is_rejected()
    {
        var tiers = SampleApp.Define().Tiers.Select(t => t.Name == "db" ? t with { Ports = [new ContainerPort(70000)] } : t).ToList();
        var error = Reject(SampleApp.Define(tiers: tiers, flows: []));

        Assert.Contains("tier 'db' ports", error.Location);
    }

    [Fact]
    public void A_named_port_the_destination_does_not_define_is_rejected()
    {
        var error = Reject(SampleApp.Define(flows: [new FlowSpec("web", "api", "grpc")]));

        Assert.Contains("no TCP container port named 'grpc'", error.Problem);
        Assert.Contains("allow nothing", error.Problem);
    }

    [Theory]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.1/8")]
    [InlineData("300.0.0.0/8")]
    [InlineData("nonsense")]
    public void A_malformed_cidr_is_rejected(string cidr)
    {
        var error = Reject(SampleApp.Define(egress: [new ExternalEgressSpec("api", cidr, [], [443])]));

        Assert.EndsWith("cidr", error.Location);
        Assert.Contains($"'{cidr}' is not a valid CIDR", error.Problem);
    }

    [Fact]
    public void An_except_outside_its_cidr_is_rejected()
    {
        var error = Reject(SampleApp.Define(egress: [new ExternalEgressSpec("api", "52.0.0.0/8", ["10.0.0.0/8"], [443])]));

        Assert.EndsWith("except", error.Location);
        Assert.Contains("'10.0.0.0/8' is not inside '52.0.0.0/8'", error.Problem);
    }

    [Fact]
    public void An_except_wider_than_its_cidr_is_rejected()
    {
        var error = Reject(SampleApp.Define(egress: [new ExternalEgressSpec("api", "52.1.0.0/16", ["52.0.0.0/8"], [443])]));
        Assert.Contains("not inside", error.Problem);
    }

    [Fact]
    public void Egress_to_the_metadata_address_itself_is_rejected()
    {
        var error = Reject(SampleApp.Define(egress: [new ExternalEgressSpec("api", "169.254.169.254/32", [], [80])]));
        Assert.Contains("metadata", error.Problem);
    }

    [Fact]
    public void External_egress_without_ports_is_rejected()
    {
        var error = Reject(SampleApp.Define(egress: [new ExternalEgressSpec("api", "52.0.0.0/8", [], [])]));
        Assert.Contains("no ports", error.Problem);
    }

    [Fact]
    public void Invalid_kubernetes_names_are_rejected()
    {
        var tiers = SampleApp.Define().Tiers.Select(t => t.Name == "db" ? t with { Namespace = "Shop_Data" } : t).ToList();
        var error = Reject(SampleApp.Define(tiers: tiers));

        Assert.Contains("namespace", error.Location);
        Assert.Contains("'Shop_Data' is not a valid Kubernetes name", error.Problem);
    }

    [Fact]
    public void A_flow_from_a_tier_to_itself_is_rejected()
    {
        var error = Reject(SampleApp.Define(flows: [new FlowSpec("api", "api", "http")]));
        Assert.Contains("flows to itself", error.Problem);
    }

    [Fact]
    public void An_exposed_port_the_tier_lacks_is_rejected()
    {
        var tiers = SampleApp.Define().Tiers.Select(t => t.Name == "web" ? t with { ExposedPort = "https" } : t).ToList();
        var error = Reject(SampleApp.Define(tiers: tiers));

        Assert.Contains("exposedPort", error.Location);
    }
}
