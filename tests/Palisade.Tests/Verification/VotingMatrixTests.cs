using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using System.Net;

namespace Palisade.Tests.Verification;

/// <summary>
/// The voting application's connectivity test matrix (seed 004), computed from the synthesized manifests.
/// </summary>
public class VotingMatrixTests
{
    private const string Frontend = "voting-frontend/frontend[Deployment]";
    private const string Api = "voting-api/api[Deployment]";
    private const string Consumer = "voting-consumer/consumer[Deployment]";
    private const string Postgres = "voting-data/postgres[StatefulSet]";
    private const string Redis = "voting-data/redis[StatefulSet]";
    private const string Dns = "kube-system/coredns[Deployment]";
    private const string Gateway = "ingress-nginx/ingress-nginx-controller[Deployment]";

    private static readonly ConnectivityResult Matrix = StackFixtures.Voting().Connectivity;

    [Theory]
    [InlineData(Frontend, Api, 8000)]
    [InlineData(Api, Postgres, 5432)]
    [InlineData(Api, Redis, 6379)]
    [InlineData(Consumer, Postgres, 5432)]
    [InlineData(Consumer, Redis, 6379)]
    [InlineData(Gateway, Frontend, 80)]
    public void Allowed_flows_succeed_on_exactly_their_port(string source, string destination, int port)
    {
        Assert.Equal(ConnectionSet.For(Protocol.TCP, port, port), Matrix.Between(source, destination));
    }

    [Theory]
    [InlineData(Frontend, Postgres)]
    [InlineData(Frontend, Redis)]
    [InlineData(Consumer, Frontend)]
    [InlineData(Consumer, Api)]
    [InlineData(Api, Frontend)]
    [InlineData(Postgres, Redis)]
    [InlineData(Redis, Postgres)]
    [InlineData(Gateway, Api)]
    [InlineData(Gateway, Postgres)]
    [InlineData(Dns, Api)]
    public void Blocked_flows_are_denied(string source, string destination)
    {
        Assert.True(Matrix.Between(source, destination).IsEmpty, $"{source} => {destination} should be blocked");
    }

    [Theory]
    [InlineData(Frontend)]
    [InlineData(Api)]
    [InlineData(Consumer)]
    [InlineData(Postgres)]
    [InlineData(Redis)]
    public void Every_pod_reaches_kube_dns_on_udp_and_tcp_53_only(string source)
    {
        Assert.Equal(ConnectionSet.For(Protocol.UDP, 53, 53).Union(ConnectionSet.For(Protocol.TCP, 53, 53)), Matrix.Between(source, Dns));
    }

    [Theory]
    [InlineData(Api)]
    [InlineData(Postgres)]
    [InlineData(Redis)]
    [InlineData(Frontend)]
    public void Nothing_external_reaches_the_app_directly(string destination)
    {
        Assert.True(Matrix.FromExternal(IPAddress.Parse("203.0.113.10"), destination).IsEmpty);
    }

    [Theory]
    [InlineData(Frontend)]
    [InlineData(Api)]
    [InlineData(Consumer)]
    [InlineData(Postgres)]
    [InlineData(Redis)]
    public void No_tier_reaches_the_internet_or_the_metadata_address(string source)
    {
        Assert.True(Matrix.ToExternal(source, MetadataAddress.Address).IsEmpty);
        Assert.True(Matrix.ToExternal(source, IPAddress.Parse("142.250.1.1")).IsEmpty);
    }

    [Fact]
    public void Exactly_the_seven_flow_patterns_are_open()
    {
        var app = new[] { Frontend, Api, Consumer, Postgres, Redis };
        var open = Matrix.Connections
            .Where(c => (c.Source is WorkloadPeer s && app.Contains(s.Id)) || (c.Destination is WorkloadPeer d && app.Contains(d.Id)))
            .Select(c => $"{c.Source} => {c.Destination}: {c.Allowed}")
            .ToList();

        Assert.Equal(
            [
                $"{Gateway} => {Frontend}: TCP 80",
                $"{Api} => {Dns}: TCP 53; UDP 53",
                $"{Api} => {Postgres}: TCP 5432",
                $"{Api} => {Redis}: TCP 6379",
                $"{Consumer} => {Dns}: TCP 53; UDP 53",
                $"{Consumer} => {Postgres}: TCP 5432",
                $"{Consumer} => {Redis}: TCP 6379",
                $"{Postgres} => {Dns}: TCP 53; UDP 53",
                $"{Redis} => {Dns}: TCP 53; UDP 53",
                $"{Frontend} => {Dns}: TCP 53; UDP 53",
                $"{Frontend} => {Api}: TCP 8000",
            ],
            open);
    }

    [Fact]
    public void Every_check_passes()
    {
        Assert.All(StackFixtures.Voting().Checks, c => Assert.True(c.Passed, $"{c.Name}: {string.Join("; ", c.Findings)}"));
    }
}
