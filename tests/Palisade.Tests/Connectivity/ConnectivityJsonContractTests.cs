using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Infra.Reports.Connectivity;
using static Palisade.Tests.Connectivity.Np;

namespace Palisade.Tests.Connectivity;

/// <summary>The JSON output follows the contract in design.md exactly.</summary>
public sealed partial class ConnectivityJsonContractTests
{
    [Fact]
    public void Small_cluster_renders_exactly()
    {
        var result = new TestCluster()
            .Deployment("ns", "a", "a")
            .Deployment("ns", "b", "b", Port(8080, "http"))
            .Policy(Policy("ns", "a-out", App("a"), Egress, egress:
            [
                Rule([Pods(App("b"))], Named("http"), Udp(53), Tcp(9000, 9010)),
                Rule([Block("0.0.0.0/0", "10.0.0.0/8")], Tcp(443)),
            ]))
            .Policy(Policy("ns", "b-in", App("b"), Ingress, ingress: [Rule([Pods(App("a"))])]))
            .Analyze();

        var json = JsonSerializer.Serialize(JsonDocument.Parse(ConnectivityJsonRenderer.Render(result)));

        Assert.Equal(
            """{"connections":[{"src":"ns/a[Deployment]","dst":"ns/b[Deployment]","conns":[{"protocol":"TCP","ports":"8080"},{"protocol":"TCP","ports":"9000-9010"},{"protocol":"UDP","ports":"53"}]},""" +
            """{"src":"ns/a[Deployment]","dst":["0.0.0.0-9.255.255.255","11.0.0.0-255.255.255.255"],"conns":[{"protocol":"TCP","ports":"443"}]},""" +
            """{"src":"ns/b[Deployment]","dst":"ns/a[Deployment]","conns":"All Connections"},""" +
            """{"src":"ns/b[Deployment]","dst":["0.0.0.0-255.255.255.255"],"conns":"All Connections"},""" +
            """{"src":["0.0.0.0-255.255.255.255"],"dst":"ns/a[Deployment]","conns":"All Connections"}]}""",
            json);
    }

    [Fact]
    public void Other_protocols_left_open_beside_a_denied_port_are_written()
    {
        var result = new TestCluster()
            .Namespace("team-a", ("team", "a"))
            .Namespace("team-b", ("team", "b"))
            .Deployment("team-a", "a", "a")
            .Deployment("team-b", "b", "b")
            .Policy(Cnp.Admin("no-debug", 10, Cnp.Namespaces(("team", "b")),
                ingress: [Cnp.Rule("debug", PolicyAction.Deny, [Cnp.FromNamespaces(("team", "a"))], Cnp.Tcp(9000))]))
            .Analyze();

        using var json = JsonDocument.Parse(ConnectivityJsonRenderer.Render(result));
        var conns = json.RootElement.GetProperty("connections").EnumerateArray()
            .Single(c => c.GetProperty("src").ValueKind == JsonValueKind.String && c.GetProperty("src").GetString() == "team-a/a[Deployment]" &&
                         c.GetProperty("dst").ValueKind == JsonValueKind.String && c.GetProperty("dst").GetString() == "team-b/b[Deployment]")
            .GetProperty("conns");

        Assert.Equal(
            """[{"protocol":"TCP","ports":"1-8999"},{"protocol":"TCP","ports":"9001-65535"},{"protocol":"UDP","ports":"1-65535"},{"protocol":"SCTP","ports":"1-65535"},{"protocol":"OTHER"}]""",
            JsonSerializer.Serialize(conns));
        var read = ConnectionSetJson.Read(conns, "test");
        Assert.Equal(result.Between("team-a/a[Deployment]", "team-b/b[Deployment]"), read);
        Assert.True(read.AllowsOtherProtocols);
    }

    [Theory]
    [InlineData("govtech")]
    [InlineData("tomoda")]
    [InlineData("multitenant")]
    public void Every_fixture_satisfies_the_contract(string fixture)
    {
        var read = Palisade.Infra.Manifests.ManifestDirectoryReader.Read(ConnectivityFixtures.PathOf(fixture));
        var text = ConnectivityJsonRenderer.Render(ConnectivityAnalyzer.Analyze(read.Cluster));

        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(["connections"], root.EnumerateObject().Select(p => p.Name));
        var pairs = new HashSet<string>();
        foreach (var entry in root.GetProperty("connections").EnumerateArray())
        {
            Assert.Equal(["src", "dst", "conns"], entry.EnumerateObject().Select(p => p.Name));
            var src = CheckPeer(entry.GetProperty("src"));
            var dst = CheckPeer(entry.GetProperty("dst"));
            Assert.NotEqual(src, dst);
            Assert.True(pairs.Add(src + " => " + dst), "one entry per pair");
            CheckConns(entry.GetProperty("conns"));
        }
    }

    private static string CheckPeer(JsonElement peer)
    {
        if (peer.ValueKind == JsonValueKind.String)
        {
            Assert.Matches(WorkloadName(), peer.GetString());
            return peer.GetString()!;
        }

        var ranges = peer.EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.NotEmpty(ranges);
        foreach (var range in ranges)
        {
            var parts = range.Split('-');
            Assert.Equal(2, parts.Length);
            Assert.True(IPAddress.TryParse(parts[0], out _) && IPAddress.TryParse(parts[1], out _), range);
        }

        return string.Join(",", ranges);
    }

    private static void CheckConns(JsonElement conns)
    {
        if (conns.ValueKind == JsonValueKind.String)
        {
            Assert.Equal("All Connections", conns.GetString());
            return;
        }

        Assert.True(conns.GetArrayLength() > 0);
        foreach (var item in conns.EnumerateArray())
        {
            if (item.GetProperty("protocol").GetString() == ConnectivityJsonRenderer.OtherProtocolsValue)
            {
                Assert.Equal(["protocol"], item.EnumerateObject().Select(p => p.Name));
                continue;
            }

            Assert.Equal(["protocol", "ports"], item.EnumerateObject().Select(p => p.Name));
            Assert.Contains(item.GetProperty("protocol").GetString(), new[] { "TCP", "UDP", "SCTP" });
            var match = PortRange().Match(item.GetProperty("ports").GetString()!);
            Assert.True(match.Success);
            var first = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var last = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : first;
            Assert.InRange(first, 1, 65535);
            Assert.InRange(last, first, 65535);
        }
    }

    [GeneratedRegex(@"^[a-z0-9.-]+/[^/\[\]]+\[[A-Za-z]+\]$")]
    private static partial Regex WorkloadName();

    [GeneratedRegex(@"^(\d+)(?:-(\d+))?$")]
    private static partial Regex PortRange();
}
