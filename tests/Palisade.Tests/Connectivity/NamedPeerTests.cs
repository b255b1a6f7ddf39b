using System.Net;
using Palisade.Components.Connectivity;
using Palisade.Components.ZeroTrust;
using Palisade.Infra.Cli;
using static Palisade.Tests.Connectivity.Np;

namespace Palisade.Tests.Connectivity;

/// <summary>Platform endpoints and node ranges are peers of their own, by name, without changing what is allowed.</summary>
public sealed class NamedPeerTests
{
    private static TestCluster Cluster() => new TestCluster()
        .Deployment("ns", "a", "a")
        .Policy(Policy("ns", "a-out", App("a"), Egress, egress: [Rule([Block("0.0.0.0/0", "169.254.169.254/32")], Tcp(443))]));

    [Fact]
    public void Named_endpoints_and_nodes_are_reported_by_name_and_allow_the_same()
    {
        var profile = EnforcementProfile.Upstream with { Named = PlatformEndpoints.Ranges, NodeRanges = [Cidr.Parse("10.20.0.0/20")] };
        var plain = Cluster().Analyze();
        var named = ConnectivityAnalyzer.Analyze(Cluster().Build(), profile);

        var labels = named.Connections.Select(c => (c.Destination as ExternalPeer)?.Label).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["eks-pod-identity-agent", "gke-metadata-server", "node-local-dns", "nodes"], labels);
        Assert.Contains(named.Connections, c => c.Destination.Name == "node-local-dns (169.254.20.10-169.254.20.10)" && c.Allowed.ToString() == "TCP 443");
        Assert.DoesNotContain(named.Connections, c => c.Destination is ExternalPeer { Label: "cloud-metadata" });
        foreach (var address in new[] { "169.254.20.10", "169.254.169.254", "10.20.3.4", "8.8.8.8" }.Select(IPAddress.Parse))
        {
            Assert.Equal(plain.ToExternal("ns/a[Deployment]", address), named.ToExternal("ns/a[Deployment]", address));
        }
    }

    [Fact]
    public void A_bad_node_cidr_is_an_input_error_naming_the_option()
    {
        var error = Assert.Throws<Palisade.Components.Diagnostics.InputError>(() => new ProfileRequest(NodeCidrs: ["10.20.0.0/33"]).Build());

        Assert.Contains("--node-cidr", error.ToString(), StringComparison.Ordinal);
    }
}
