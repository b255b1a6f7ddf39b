using System.Net;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Tests.Verification;

/// <summary>
/// The GovTech checks (seeds 000 and 001), computed from the synthesized GovTech app of stacks/Apps behind
/// ingress-nginx: frontend -> backend allowed, frontend -> database blocked, backend -> database allowed,
/// database -> internet blocked, backend -> public HTTPS allowed but never private ranges or metadata.
/// </summary>
public class GovTechMatrixTests
{
    private const string Frontend = "govtech/frontend[Deployment]";
    private const string Backend = "govtech/backend[Deployment]";
    private const string Database = "govtech/database[StatefulSet]";
    private const string Controller = "ingress-nginx/ingress-nginx-controller[Deployment]";

    private static readonly ConnectivityResult Matrix = StackFixtures.Synthesize("""
        config:
          aws:region: us-east-1
          palisade:apps: [govtech]
          palisade:cloud: aws
          palisade:ingress: ingress-nginx
          palisade:clusterName: govtech
          palisade:kubernetesVersion: "1.33"
          palisade:subnetIds: [subnet-1, subnet-2]
          palisade:apiAccessCidrs: [203.0.113.0/24]
          palisade:domain: example.com
        """).Connectivity;

    [Fact]
    public void Frontend_reaches_backend_on_3000_only() =>
        Assert.Equal(ConnectionSet.For(Protocol.TCP, 3000, 3000), Matrix.Between(Frontend, Backend));

    [Fact]
    public void Frontend_cannot_reach_the_database() => Assert.True(Matrix.Between(Frontend, Database).IsEmpty);

    [Fact]
    public void Backend_reaches_the_database_on_5432_only() =>
        Assert.Equal(ConnectionSet.For(Protocol.TCP, 5432, 5432), Matrix.Between(Backend, Database));

    [Theory]
    [InlineData("142.250.1.1")]
    [InlineData("52.46.130.1")]
    [InlineData("10.0.0.5")]
    public void Database_cannot_reach_the_internet_or_the_network(string address) =>
        Assert.True(Matrix.ToExternal(Database, IPAddress.Parse(address)).IsEmpty);

    [Theory]
    [InlineData("52.46.130.1", true)]
    [InlineData("142.250.1.1", true)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    public void Backend_reaches_public_https_only(string address, bool allowed)
    {
        var open = Matrix.ToExternal(Backend, IPAddress.Parse(address));
        Assert.Equal(allowed ? ConnectionSet.For(Protocol.TCP, 443, 443) : ConnectionSet.None, open);
    }

    [Fact]
    public void Backend_cannot_use_plain_http_to_the_internet() =>
        Assert.False(Matrix.ToExternal(Backend, IPAddress.Parse("142.250.1.1")).Allows(Protocol.TCP, 80));

    [Fact]
    public void Only_the_ingress_controller_reaches_frontend_and_backend_from_outside_the_app()
    {
        Assert.Equal(ConnectionSet.For(Protocol.TCP, 80, 80), Matrix.Between(Controller, Frontend));
        Assert.Equal(ConnectionSet.For(Protocol.TCP, 3000, 3000), Matrix.Between(Controller, Backend));
        Assert.True(Matrix.Between(Controller, Database).IsEmpty);
        Assert.True(Matrix.FromExternal(IPAddress.Parse("203.0.113.9"), Frontend).IsEmpty);
    }

    [Fact]
    public void No_tier_reaches_the_metadata_address()
    {
        Assert.All(new[] { Frontend, Backend, Database }, w => Assert.True(Matrix.ToExternal(w, MetadataAddress.Address).IsEmpty));
    }
}
