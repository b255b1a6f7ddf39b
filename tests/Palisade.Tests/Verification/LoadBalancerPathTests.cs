using System.Net;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Infra.Checks;
using Palisade.Infra.Synthesis;
using Palisade.Tests.Support;

namespace Palisade.Tests.Verification;

/// <summary>
/// With an ALB in target-type ip mode, the load balancer reaches pod IPs from the VPC: the prod stack admits the VPC
/// CIDR to exposed tiers on their named port, and the verification declares and proves exactly that path.
/// </summary>
public class LoadBalancerPathTests
{
    private static readonly SynthesisResult Prod = Synthesizer.Synthesize(new ProjectDirectory(RepoPaths.Root).ReadStack("prod"));
    private static readonly IPAddress InVpc = IPAddress.Parse("10.20.7.9");

    [Theory]
    [InlineData("govtech/frontend[Deployment]", 80)]
    [InlineData("govtech/backend[Deployment]", 3000)]
    [InlineData("voting-frontend/frontend[Deployment]", 80)]
    public void The_vpc_reaches_exposed_tiers_on_their_port_only(string tier, int port)
    {
        Assert.Equal(ConnectionSet.For(Protocol.TCP, port, port), Prod.Connectivity.FromExternal(InVpc, tier));
        Assert.True(Prod.Connectivity.FromExternal(IPAddress.Parse("203.0.113.5"), tier).IsEmpty);
    }

    [Theory]
    [InlineData("govtech/database[StatefulSet]")]
    [InlineData("voting-api/api[Deployment]")]
    public void The_vpc_does_not_reach_unexposed_tiers(string tier)
    {
        Assert.True(Prod.Connectivity.FromExternal(InVpc, tier).IsEmpty);
    }

    [Fact]
    public void The_path_is_declared_and_a_missing_allowance_is_reported_as_blocked()
    {
        Assert.Contains(Prod.Declared.External, e => e.Inbound && e.WorkloadId == "govtech/frontend[Deployment]");

        var files = Prod.Files.ToDictionary(
            f => f.Key,
            f => f.Key == "manifests/govtech.yaml" ? f.Value.Replace("cidr: \"10.20.0.0/16\"", "cidr: \"10.99.0.0/16\"") : f.Value);
        var checks = ConnectivityChecks.Run(Synthesizer.AnalyzeRendered(files), Prod.Declared);

        var open = checks.Single(c => c.Name.StartsWith("Every declared flow is open", StringComparison.Ordinal));
        Assert.False(open.Passed);
        Assert.Contains(open.Findings, f => f.Contains("=> govtech/frontend[Deployment] needs TCP 80"));
    }
}
