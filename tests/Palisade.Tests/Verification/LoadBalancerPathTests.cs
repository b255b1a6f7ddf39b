using System.Net;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Infra.Checks;
using Palisade.Infra.Synthesis;
using Palisade.Tests.Support;

namespace Palisade.Tests.Verification;

/// <summary>
/// With an ALB in target-type ip mode the load balancer reaches pod IPs from its ENIs in its own, pinned subnets: prod
/// admits exactly those subnets' CIDRs to exposed tiers on their named port, and the proof runs under the EKS VPC CNI
/// profile, where pods have VPC addresses and an ipBlock that covers them admits them.
/// </summary>
public class LoadBalancerPathTests
{
    private static readonly SynthesisResult Prod = TestApps.Synthesize(new ProjectDirectory(RepoPaths.Root).ReadStack("prod"));
    private static readonly IPAddress InAlbSubnet = IPAddress.Parse("10.20.200.9");
    private static readonly IPAddress ElsewhereInVpc = IPAddress.Parse("10.20.7.9");

    [Theory]
    [InlineData("govtech/frontend[Deployment]", 80)]
    [InlineData("govtech/backend[Deployment]", 3000)]
    [InlineData("voting-frontend/frontend[Deployment]", 80)]
    public void The_alb_subnets_reach_exposed_tiers_on_their_port_only(string tier, int port)
    {
        Assert.Equal(ConnectionSet.For(Protocol.TCP, port, port), Prod.Connectivity.FromExternal(InAlbSubnet, tier));
        Assert.True(Prod.Connectivity.FromExternal(ElsewhereInVpc, tier).IsEmpty);
        Assert.True(Prod.Connectivity.FromExternal(IPAddress.Parse("203.0.113.5"), tier).IsEmpty);
    }

    [Theory]
    [InlineData("govtech/database[StatefulSet]")]
    [InlineData("voting-api/api[Deployment]")]
    public void The_alb_does_not_reach_unexposed_tiers(string tier)
    {
        Assert.True(Prod.Connectivity.FromExternal(InAlbSubnet, tier).IsEmpty);
    }

    [Fact]
    public void The_proof_runs_under_the_vpc_cni_profile_and_says_what_it_assumes()
    {
        Assert.Contains(Prod.Stack.Assumptions, a => a.Subject == "dataplane" && a.Statement.StartsWith("EKS VPC CNI gives pods addresses in the node subnets 10.20.0.0/19, 10.20.32.0/19, 10.20.64.0/19", StringComparison.Ordinal));
    }

    [Fact]
    public void Admitting_the_whole_vpc_lets_every_pod_around_the_alb_and_the_proof_fails_under_vpc_cni()
    {
        // Without its strict-mode baseline CoreDNS stands for any pod whose egress is open (the dataplane's own
        // isolation is left out of both analyses): the widened rule admits it under VPC CNI only.
        var files = Prod.Files.Where(f => f.Key != "manifests/kube-system.yaml").ToDictionary(f => f.Key, f => f.Key.StartsWith("manifests/", StringComparison.Ordinal)
            ? f.Value.Replace("cidr: \"10.20.200.0/24\"", "cidr: \"10.20.0.0/16\"", StringComparison.Ordinal)
            : f.Value);

        var upstream = ConnectivityChecks.Run(Synthesizer.AnalyzeRendered(files), Prod.Declared);
        var vpcCni = ConnectivityChecks.Run(Synthesizer.AnalyzeRendered(files, Prod.Stack.Platform.Cloud.Dataplane), Prod.Declared);

        var undeclared = vpcCni.Single(c => c.Id == CheckIds.NothingUndeclaredOpen);
        Assert.False(undeclared.Passed);
        Assert.Contains(undeclared.Findings, f => f.StartsWith("open but not declared: kube-system/coredns[Deployment] => govtech/frontend[Deployment]", StringComparison.Ordinal));
        // Upstream semantics (ipBlocks never match pods) see only the widened address range, not the pods around the ALB.
        Assert.DoesNotContain(upstream.Single(c => c.Id == CheckIds.NothingUndeclaredOpen).Findings,
            f => f.StartsWith("open but not declared: kube-system/coredns[Deployment]", StringComparison.Ordinal));
    }

    [Fact]
    public void The_path_is_declared_and_a_missing_allowance_is_reported_as_blocked()
    {
        Assert.Contains(Prod.Declared.External, e => e.Inbound && e.WorkloadId == "govtech/frontend[Deployment]");

        var files = Prod.Files.ToDictionary(
            f => f.Key,
            f => f.Key == "manifests/govtech.yaml" ? f.Value.Replace("cidr: \"10.20.200.0/24\"", "cidr: \"10.99.0.0/16\"") : f.Value);
        var checks = ConnectivityChecks.Run(Synthesizer.AnalyzeRendered(files, Prod.Stack.Platform.Cloud.Dataplane), Prod.Declared);

        var open = checks.Single(c => c.Id == CheckIds.DeclaredFlowsOpen);
        Assert.False(open.Passed);
        Assert.Contains(open.Findings, f => f.Contains("=> govtech/frontend[Deployment] needs TCP 80"));
    }
}
