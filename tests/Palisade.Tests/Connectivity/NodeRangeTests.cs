using System.Net;
using Palisade.Components.Connectivity;
using static Palisade.Tests.Connectivity.Np;

namespace Palisade.Tests.Connectivity;

/// <summary>
/// Node addresses under each dataplane: an ipBlock matches them on VPC CNI, Calico and upstream, and never on Cilium
/// (nodes are its host and remote-node identities, which a CIDR rule does not select); the nodes are a peer of their own.
/// </summary>
public sealed class NodeRangeTests
{
    private const string Web = "shop/web[Deployment]";

    private static TestCluster Cluster() => new TestCluster()
        .Deployment("shop", "web", "web")
        .Policy(Policy("shop", "web-from-vpc", App("web"), Both,
            ingress: [Rule([Block("10.20.0.0/16")], Tcp(8080))],
            egress: [Rule([Block("10.0.0.0/8")], Tcp(10250))]));

    private static EnforcementProfile Profile(CniProfile cni) =>
        new(cni, [Cidr.Parse("10.20.0.0/16")]) { NodeRanges = [Cidr.Parse("10.20.0.0/20")] };

    [Theory]
    [InlineData(CniProfile.Upstream, true)]
    [InlineData(CniProfile.EksVpcCni, true)]
    [InlineData(CniProfile.Calico, true)]
    [InlineData(CniProfile.Cilium, false)]
    public void An_ipBlock_that_holds_the_nodes_admits_them_except_on_cilium(CniProfile cni, bool matchesNodes)
    {
        var cluster = Cluster().Build();
        var result = ConnectivityAnalyzer.Analyze(cluster, Profile(cni));
        var node = IPAddress.Parse("10.20.1.7");
        var other = IPAddress.Parse("10.20.100.7");

        Assert.Equal(matchesNodes ? "TCP 8080" : "None", result.FromExternal(node, Web).ToString());
        Assert.Equal(matchesNodes ? "TCP 10250" : "None", result.ToExternal(Web, node).ToString());
        Assert.Equal("TCP 8080", result.FromExternal(other, Web).ToString());
        Assert.Equal(matchesNodes, result.Connections.Any(c => c.Source is ExternalPeer { Label: EnforcementProfile.NodesName }));
        Assert.Equal(result.FromExternal(node, Web), Explainer.Explain(cluster, node.ToString(), Web, Profile(cni)).Allowed);
        Assert.Equal(TestCluster.Lines(PairwiseEvaluator.Evaluate(cluster, Profile(cni))), TestCluster.Lines(result));
    }

    [Fact]
    public void The_nodes_peer_is_named_in_results()
    {
        var result = ConnectivityAnalyzer.Analyze(Cluster().Build(), Profile(CniProfile.EksVpcCni));

        var nodes = Assert.Single(result.Connections, c => c.Source is ExternalPeer { Label: EnforcementProfile.NodesName });
        Assert.Equal("nodes (10.20.0.0-10.20.15.255)", nodes.Source.Name);
    }
}

public sealed class NodeRangeCutTests
{
    [Fact]
    public void Node_ranges_cut_blocks_that_policies_do_not_cut()
    {
        var cluster = new TestCluster()
            .Deployment("shop", "web", "web")
            .Policy(Policy("shop", "out", App("web"), Egress, egress: [Rule([Block("10.20.0.2/32")], Tcp(53)), Rule([Block("10.20.0.0/16")], Tcp(443))]))
            .Build();
        var profile = new EnforcementProfile(CniProfile.EksVpcCni, [Cidr.Parse("10.20.0.0/16")]) { NodeRanges = [Cidr.Parse("10.20.0.0/20"), Cidr.Parse("10.20.16.0/20")] };

        var result = ConnectivityAnalyzer.Analyze(cluster, profile);

        Assert.Equal(TestCluster.Lines(PairwiseEvaluator.Evaluate(cluster, profile)), TestCluster.Lines(result));
        Assert.Equal(
            ["nodes (10.20.0.0-10.20.0.1,10.20.0.3-10.20.31.255) TCP 443", "nodes (10.20.0.2-10.20.0.2) TCP 53,443", "10.20.32.0-10.20.255.255 TCP 443"],
            result.Connections.Where(c => c.Source is WorkloadPeer).Select(c => $"{c.Destination.Name} {c.Allowed}").ToList());
    }
}
