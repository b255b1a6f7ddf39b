using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Examples;

namespace Palisade.Tests.ZeroTrust;

/// <summary>
/// External egress on one CIDR: merged into one rule when the except lists agree, refused on EKS VPC CNI when they do
/// not (aws/aws-network-policy-agent#180: the agent merges rules on one CIDR and drops one side's except list or ports).
/// </summary>
public class ExternalEgressRulesTests
{
    private static readonly string[] Private = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

    [Fact]
    public void Declarations_on_one_cidr_with_the_same_except_list_become_one_rule_with_both_ports()
    {
        var rules = ExternalEgressRules.For(
        [
            new ExternalEgressSpec("backend", "0.0.0.0/0", Private, [443]),
            new ExternalEgressSpec("backend", "0.0.0.0/0", Private, [53], Protocol.UDP),
        ]);
        var rule = Assert.Single(rules);
        Assert.Equal("0.0.0.0/0", rule.Peers!.Single().IpBlock!.Cidr);
        Assert.Equal([.. Private, "169.254.0.0/16"], rule.Peers!.Single().IpBlock!.Except);
        Assert.Equal([new NetworkPolicyPort(Protocol.TCP, 443), new NetworkPolicyPort(Protocol.UDP, 53)], rule.Ports);
    }

    [Fact]
    public void Declarations_on_different_cidrs_stay_separate_rules()
    {
        Assert.Equal(2, ExternalEgressRules.For(
        [
            new ExternalEgressSpec("backend", "0.0.0.0/0", Private, [443]),
            new ExternalEgressSpec("backend", "203.0.113.0/24", [], [5432]),
        ]).Count);
    }

    private static AppSpec GovTechWith(ExternalEgressSpec extra)
    {
        var app = GovTechApp.Define();
        return app with { ExternalEgress = [.. app.ExternalEgress, extra] };
    }

    [Fact]
    public void On_eks_a_second_rule_on_the_same_cidr_with_another_except_list_is_refused_with_the_bug_named()
    {
        var app = GovTechWith(new ExternalEgressSpec("backend", "0.0.0.0/0", [], [53], Protocol.UDP));
        var error = Assert.Throws<InputError>(() => ExternalEgressRules.RefuseSharedCidrs(app));
        Assert.Contains("externalEgress[0] and externalEgress[1]", error.Message);
        Assert.Contains("aws/aws-network-policy-agent#180", error.Message);
        Assert.Contains("examples/GovTechApp.cs", error.Message);

        ExternalEgressRules.RefuseSharedCidrs(GovTechWith(new ExternalEgressSpec("backend", "0.0.0.0/0", Private, [8443])));
        ExternalEgressRules.RefuseSharedCidrs(GovTechWith(new ExternalEgressSpec("frontend", "0.0.0.0/0", [], [443])));
    }
}
