using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Tests.ZeroTrust;

public class TieredAppTests
{
    [Fact]
    public void Every_flow_produces_the_egress_rule_at_the_source_and_the_ingress_rule_at_the_destination()
    {
        var (_, app) = SampleApp.Create();

        var webEgress = app.Policies.Select(p => p.Policy).Single(p => p.Name == "shop-web-egress");
        var apiIngress = app.Policies.Select(p => p.Policy).Single(p => p.Name == "shop-api-ingress");

        Assert.Equal([PolicyType.Egress], webEgress.PolicyTypes);
        Assert.Equal("api", webEgress.Egress!.Single().Peers!.Single().PodSelector!.MatchLabels[WellKnownLabels.AppComponent]);
        Assert.Equal([PolicyType.Ingress], apiIngress.PolicyTypes);
        Assert.Equal("web", apiIngress.Ingress!.Single().Peers!.Single().PodSelector!.MatchLabels[WellKnownLabels.AppComponent]);
        Assert.Equal("http", apiIngress.Ingress!.Single().Ports!.Single().Port!.Value.Name);
    }

    [Fact]
    public void Cross_namespace_peers_combine_namespace_and_pod_selector_in_one_entry()
    {
        var (_, app) = SampleApp.Create();
        var peer = app.Policies.Select(p => p.Policy).Single(p => p.Name == "shop-api-egress").Egress!
            .Single(r => r.Ports!.Single().Port == 5432).Peers!.Single();

        Assert.Equal("shop-data", peer.NamespaceSelector!.MatchLabels[WellKnownLabels.NamespaceName]);
        Assert.Equal("db", peer.PodSelector!.MatchLabels[WellKnownLabels.AppComponent]);
        Assert.Equal("shop", peer.PodSelector.MatchLabels[WellKnownLabels.AppName]);
    }

    [Fact]
    public void Same_namespace_peers_use_the_pod_selector_alone()
    {
        var (_, app) = SampleApp.Create();
        var peer = app.Policies.Select(p => p.Policy).Single(p => p.Name == "shop-worker-ingress").Ingress!.Single().Peers!.Single();

        Assert.Null(peer.NamespaceSelector);
        Assert.Equal("api", peer.PodSelector!.MatchLabels[WellKnownLabels.AppComponent]);
    }

    [Fact]
    public void External_egress_always_excludes_the_link_local_range_with_the_credential_endpoints()
    {
        var (_, app) = SampleApp.Create();
        var block = app.Policies.Select(p => p.Policy).Single(p => p.Name == "shop-api-egress").Egress!
            .SelectMany(r => r.Peers!).Single(p => p.IpBlock is not null).IpBlock!;

        Assert.Equal("0.0.0.0/0", block.Cidr);
        Assert.Equal(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", MetadataAddress.LinkLocalCidr], block.Except);
    }

    [Fact]
    public void A_cidr_inside_the_link_local_range_that_covers_metadata_excludes_the_metadata_address()
    {
        var (_, app) = SampleApp.Create(SampleApp.Define(egress: [new ExternalEgressSpec("api", "169.254.169.0/24", [], [443])]));
        var block = app.Policies.Select(p => p.Policy).SelectMany(p => p.Egress ?? []).SelectMany(r => r.Peers!).Single(p => p.IpBlock is not null).IpBlock!;

        Assert.Equal([MetadataAddress.Cidr], block.Except);
    }

    [Fact]
    public void An_except_that_already_covers_metadata_is_not_duplicated()
    {
        var (_, app) = SampleApp.Create(SampleApp.Define(egress: [new ExternalEgressSpec("api", "0.0.0.0/0", ["169.254.0.0/16"], [443])]));
        var block = app.Policies.Select(p => p.Policy).SelectMany(p => p.Egress ?? []).SelectMany(r => r.Peers!).Single(p => p.IpBlock is not null).IpBlock!;

        Assert.Equal(["169.254.0.0/16"], block.Except);
    }

    [Fact]
    public void A_cidr_that_does_not_cover_metadata_gets_no_except()
    {
        var (_, app) = SampleApp.Create(SampleApp.Define(egress: [new ExternalEgressSpec("api", "52.46.128.0/19", [], [443])]));
        var block = app.Policies.Select(p => p.Policy).SelectMany(p => p.Egress ?? []).SelectMany(r => r.Peers!).Single(p => p.IpBlock is not null).IpBlock!;

        Assert.Empty(block.Except);
    }

    [Fact]
    public void Data_tiers_without_outbound_flows_get_no_egress_policy_beyond_dns()
    {
        var (_, app) = SampleApp.Create();

        Assert.DoesNotContain(app.Policies.Select(p => p.Policy), p => p.Name == "shop-db-egress");
        Assert.Contains(app.Policies.Select(p => p.Policy), p => p.Name == "shop-db-ingress");
    }

    [Fact]
    public void Exposed_and_scraped_tiers_get_namespace_allowances()
    {
        var (_, app) = SampleApp.Create();
        var inWeb = app.Policies.Where(p => p.Namespace == "shop-web").OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

        Assert.Equal(["shop-web-egress", "shop-web-from-ingress-controller", "shop-web-from-monitoring"], inWeb.Select(p => p.Name));
        Assert.Equal([PolicyRole.TierRule, PolicyRole.PlatformAllowance, PolicyRole.PlatformAllowance], inWeb.Select(p => p.Role));
    }

    [Fact]
    public void Each_tier_gets_a_service_account_without_an_automounted_token()
    {
        var (graph, app) = SampleApp.Create();
        var sa = app.ServiceAccounts["api"];

        Assert.Equal(KubernetesTypes.ServiceAccount, sa.Type);
        Assert.Equal(new BoolValue(false), sa.Properties["automountServiceAccountToken"]);
        var metadata = (MapValue)sa.Properties["metadata"]!;
        Assert.Equal(new StringValue("api"), metadata["name"]);
        Assert.IsType<OutputRef>(metadata["namespace"]);
        Assert.All(graph.Resources.Where(r => !r.IsProvider), r => Assert.Equal("k8s", r.Options.Provider!.LogicalName));
    }

    [Fact]
    public void Stateful_namespaces_are_protected_when_asked()
    {
        var (_, app) = SampleApp.Create(protect: true);

        Assert.True(app.Namespaces.Single(n => n.Component.Name == "shop-data").Namespace.Options.Protect);
        Assert.False(app.Namespaces.Single(n => n.Component.Name == "shop-api").Namespace.Options.Protect);
    }
}
