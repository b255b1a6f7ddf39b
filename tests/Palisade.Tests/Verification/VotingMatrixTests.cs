using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Examples;
using System.Net;

namespace Palisade.Tests.Verification;

/// <summary>
/// The voting application's connectivity test matrix (seed 004), computed from the synthesized manifests and compared
/// with what the app itself declares (<see cref="VotingApp"/>): its flows open on exactly their ports, every other
/// pair of tiers is blocked, the gateway reaches only the exposed tier, every tier reaches DNS and nothing else.
/// Adding a flow or a tier to the app changes the expectations with it.
/// </summary>
public class VotingMatrixTests
{
    private const string Dns = "kube-system/coredns[Deployment]";
    private const string Gateway = "ingress-nginx/ingress-nginx-controller[Deployment]";

    private static readonly AppSpec App = VotingApp.Define();
    private static readonly ConnectivityResult Matrix = StackFixtures.Voting().Connectivity;
    private static readonly ConnectionSet DnsPorts = ConnectionSet.For(Protocol.UDP, 53, 53).Union(ConnectionSet.For(Protocol.TCP, 53, 53));

    private static string Id(TierSpec tier) => $"{tier.Namespace}/{tier.Name}[{tier.WorkloadKind}]";

    private static TierSpec Tier(string name) => App.Tiers.Single(t => t.Name == name);

    private static int Resolve(TierSpec tier, IntOrString port) => port.Number ?? tier.Ports.Single(p => p.Name == port.Name).Port;

    /// <summary>Everything the app declares between workloads, by (source, destination).</summary>
    private static Dictionary<(string Source, string Destination), ConnectionSet> Declared()
    {
        var declared = new Dictionary<(string, string), ConnectionSet>();
        void Add(string source, string destination, ConnectionSet allowed) =>
            declared[(source, destination)] = declared.GetValueOrDefault((source, destination), ConnectionSet.None).Union(allowed);

        foreach (var flow in App.Flows)
        {
            var port = Resolve(Tier(flow.To), flow.Port);
            Add(Id(Tier(flow.From)), Id(Tier(flow.To)), ConnectionSet.For(flow.Protocol, port, port));
        }

        foreach (var tier in App.Tiers)
        {
            Add(Id(tier), Dns, DnsPorts);
            if (tier.ExposedPort is { } exposed)
            {
                var port = Resolve(tier, exposed);
                Add(Gateway, Id(tier), ConnectionSet.For(Protocol.TCP, port, port));
            }
        }

        return declared;
    }

    [Fact]
    public void The_app_declares_flows_and_an_exposed_tier()
    {
        Assert.NotEmpty(App.Flows);
        Assert.Contains(App.Tiers, t => t.ExposedPort is not null);
    }

    [Fact]
    public void Declared_flows_succeed_on_exactly_their_ports()
    {
        Assert.All(Declared(), d => Assert.Equal(d.Value, Matrix.Between(d.Key.Source, d.Key.Destination)));
    }

    [Fact]
    public void Every_other_pair_of_tiers_and_platform_peers_is_blocked()
    {
        var declared = Declared();
        var ends = App.Tiers.Select(Id).Concat([Gateway, Dns]).ToList();
        var pairs = ends.SelectMany(s => ends.Where(d => d != s).Select(d => (s, d)))
            .Where(p => !declared.ContainsKey(p) && !(p.s == Gateway && p.d == Dns) && !(p.s == Dns && p.d == Gateway))
            .ToList();

        Assert.NotEmpty(pairs);
        Assert.All(pairs, p => Assert.True(Matrix.Between(p.s, p.d).IsEmpty, $"{p.s} => {p.d} should be blocked"));
    }

    [Fact]
    public void The_apps_invariants_hold_in_the_matrix()
    {
        var never = App.Invariants.OfType<NeverReaches>().Where(i => i.Port is null).ToList();

        Assert.NotEmpty(never);
        Assert.All(never, i => Assert.True(Matrix.Between(Id(Tier(i.From)), Id(Tier(i.To))).IsEmpty, i.ToString()));
    }

    [Fact]
    public void Nothing_external_reaches_a_tier_and_no_tier_reaches_the_internet_or_the_metadata_address()
    {
        Assert.All(App.Tiers, tier =>
        {
            Assert.True(Matrix.FromExternal(IPAddress.Parse("203.0.113.10"), Id(tier)).IsEmpty);
            Assert.True(Matrix.ToExternal(Id(tier), MetadataAddress.Address).IsEmpty);
            if (!App.ExternalEgress.Any(e => e.From == tier.Name))
            {
                Assert.True(Matrix.ToExternal(Id(tier), IPAddress.Parse("142.250.1.1")).IsEmpty);
            }
        });
    }

    [Fact]
    public void Exactly_the_declared_connections_of_the_app_are_open()
    {
        var app = App.Tiers.Select(Id).ToHashSet(StringComparer.Ordinal);
        var open = Matrix.Connections
            .Where(c => (c.Source is WorkloadPeer s && app.Contains(s.Id)) || (c.Destination is WorkloadPeer d && app.Contains(d.Id)))
            .Select(c => $"{c.Source} => {c.Destination}: {c.Allowed}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(Declared().Select(d => $"{d.Key.Source} => {d.Key.Destination}: {d.Value}").Order(StringComparer.Ordinal), open);
    }

    [Fact]
    public void Every_check_passes()
    {
        Assert.All(StackFixtures.Voting().Checks, c => Assert.True(c.Passed, $"{c.Name}: {string.Join("; ", c.Findings)}"));
    }
}
