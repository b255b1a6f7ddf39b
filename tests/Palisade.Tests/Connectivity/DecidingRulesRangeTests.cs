using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Infra.Checks;
using static Palisade.Tests.Connectivity.Np;

namespace Palisade.Tests.Connectivity;

/// <summary>An external peer whose ranges different rules open names every one of those rules, not only the first address's.</summary>
public sealed class DecidingRulesRangeTests
{
    [Fact]
    public void Every_rule_that_opens_part_of_an_external_peer_is_named()
    {
        var cluster = new TestCluster()
            .Deployment("shop", "web", "web")
            .Policy(Policy("shop", "web-out", App("web"), Egress, egress: [Rule([Block("10.0.0.0/16")], Tcp(443)), Rule([Block("10.1.0.0/16")], Tcp(443))]))
            .Build();
        var result = ConnectivityAnalyzer.Analyze(cluster);
        var connection = Assert.Single(result.Connections, c => c.Destination is ExternalPeer);

        Assert.Equal("10.0.0.0-10.1.255.255", connection.Destination.Name);
        Assert.Equal("egress: shop/web-out egress[0]; egress: shop/web-out egress[1]",
            DecidingRules.AllowingInShort(result, connection.Source, connection.Destination, connection.Allowed));
        Assert.Equal("egress of shop/web[Deployment]: the pod is selected by shop/web-out for egress and no rule allows it",
            DecidingRules.Denying(result, connection.Source, connection.Destination, ConnectionSet.For(Protocol.TCP, 80, 80)));
    }
}
