using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Tests.ZeroTrust;

public class ZeroTrustNamespaceTests
{
    private static ZeroTrustNamespace Create(bool protect = false)
    {
        var graph = new ResourceGraph("palisade", "test");
        var provider = graph.AddResource(graph.Root, KubernetesTypes.Provider, "k8s", MapValue.Empty);
        return ZeroTrustNamespace.Create(graph, graph.Root, new ZeroTrustNamespaceArgs
        {
            Name = "payments", Provider = provider, Labels = Labels.Of(("team", "pay")), Protect = protect,
        });
    }

    [Fact]
    public void The_baseline_is_default_deny_and_dns_only()
    {
        var zt = Create();
        Assert.Equal([ZeroTrustNamespace.DefaultDenyName, ZeroTrustNamespace.AllowDnsName], zt.Policies.Select(p => p.Name));
        Assert.All(zt.Policies, p => Assert.Equal(PolicyRole.Baseline, p.Role));
    }

    [Fact]
    public void Default_deny_covers_ingress_and_egress_for_every_pod()
    {
        var deny = Create().Policies.Single(p => p.Name == ZeroTrustNamespace.DefaultDenyName).Policy;

        Assert.True(deny.PodSelector.IsEmpty);
        Assert.Equal([PolicyType.Ingress, PolicyType.Egress], deny.PolicyTypes);
        Assert.Null(deny.Ingress);
        Assert.Null(deny.Egress);
    }

    [Fact]
    public void Dns_egress_reaches_kube_dns_only_with_namespace_and_pod_selector_in_one_peer()
    {
        var dns = Create().Policies.Single(p => p.Name == ZeroTrustNamespace.AllowDnsName).Policy;
        var rule = Assert.Single(dns.Egress!);
        var peer = Assert.Single(rule.Peers!);

        Assert.Equal([PolicyType.Egress], dns.PolicyTypes);
        Assert.Equal("kube-system", peer.NamespaceSelector!.MatchLabels[WellKnownLabels.NamespaceName]);
        Assert.Equal("kube-dns", peer.PodSelector!.MatchLabels["k8s-app"]);
        Assert.Equal(
            [(Protocol.UDP, 53), (Protocol.TCP, 53)],
            rule.Ports!.Select(p => (p.EffectiveProtocol, p.Port!.Value.Number!.Value)));
    }

    [Fact]
    public void An_allowance_admits_a_platform_namespace_on_named_ports()
    {
        var from = new PlatformPeer("monitoring", Labels.Of(("app.kubernetes.io/name", "prometheus")));
        var policy = new NamespaceAllowance("allow-monitoring", from, LabelSelector.WithLabels(("tier", "api")), ["metrics"])
            .ToPolicy("payments", Labels.Of(("team", "pay")));
        var rule = Assert.Single(policy.Ingress!);

        Assert.Equal("api", policy.PodSelector.MatchLabels["tier"]);
        Assert.Equal("monitoring", rule.Peers!.Single().NamespaceSelector!.MatchLabels[WellKnownLabels.NamespaceName]);
        Assert.Equal("metrics", rule.Ports!.Single().Port!.Value.Name);
    }

    [Fact]
    public void The_namespace_resource_has_its_labels_and_protection()
    {
        var zt = Create(protect: true);

        Assert.Equal(KubernetesTypes.Namespace, zt.Namespace.Type);
        Assert.Equal("payments-ns", zt.Namespace.LogicalName);
        Assert.True(zt.Namespace.Options.Protect);
        Assert.Equal(new StringValue("payments"), zt.NameRef.Known);
        var metadata = (MapValue)zt.Namespace.Properties["metadata"]!;
        Assert.Equal(new StringValue("pay"), ((MapValue)metadata["labels"]!)["team"]);
    }
}
