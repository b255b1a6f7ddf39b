using Palisade.Infra.Diff;

namespace Palisade.Tests.Diff;

public class ConnectivityDiffTests
{
    private static string Json(params string[] connections) => $"{{\"connections\":[{string.Join(",", connections)}]}}";

    private static string Conn(string src, string dst, string conns) => $"{{\"src\":{src},\"dst\":{dst},\"conns\":{conns}}}";

    private const string Api = "\"api/api[Deployment]\"";
    private const string Db = "\"data/db[StatefulSet]\"";
    private const string Web = "\"web/web[Deployment]\"";
    private const string Tcp80 = "[{\"protocol\":\"TCP\",\"ports\":\"80\"}]";
    private const string Tcp80And443 = "[{\"protocol\":\"TCP\",\"ports\":\"80\"},{\"protocol\":\"TCP\",\"ports\":\"443\"}]";
    private const string Tcp5432 = "[{\"protocol\":\"TCP\",\"ports\":\"5432\"}]";

    private static IEnumerable<(string Src, string Dst, string Opened, string Closed)> Show(IReadOnlyList<ConnectivityChange> changes) =>
        changes.Select(c => (c.Source.Name, c.Destination.Name, c.Opened.ToString(), c.Closed.ToString()));

    [Fact]
    public void The_same_report_has_no_changes()
    {
        var json = Json(Conn(Web, Api, Tcp80), Conn(Api, "[\"0.0.0.0-255.255.255.255\"]", "\"All Connections\""));

        Assert.Empty(ConnectivityDiff.Compare(json, json));
    }

    [Fact]
    public void Ports_opened_and_closed_per_workload_pair()
    {
        var before = Json(Conn(Web, Api, Tcp80), Conn(Api, Db, Tcp5432));
        var after = Json(Conn(Web, Api, Tcp80And443), Conn(Web, Db, Tcp5432));

        Assert.Equal(
            [
                ("api/api[Deployment]", "data/db[StatefulSet]", "None", "TCP 5432"),
                ("web/web[Deployment]", "api/api[Deployment]", "TCP 443", "None"),
                ("web/web[Deployment]", "data/db[StatefulSet]", "TCP 5432", "None"),
            ],
            Show(ConnectivityDiff.Compare(before, after)));
    }

    [Fact]
    public void Narrowing_all_connections_opens_nothing_and_closes_everything_but_the_port()
    {
        var before = Json(Conn(Web, Api, "\"All Connections\""));
        var after = Json(Conn(Web, Api, Tcp80));

        var change = Assert.Single(ConnectivityDiff.Compare(before, after));

        Assert.True(change.Opened.IsEmpty);
        Assert.Equal("TCP 1-79,81-65535; UDP 1-65535; SCTP 1-65535; other protocols", change.Closed.ToString());
    }

    [Fact]
    public void External_blocks_partitioned_differently_are_compared_on_common_boundaries()
    {
        // Same egress to everything except 10/8 on both sides, split differently; head additionally opens 443 to 8.8.8.0/24.
        var before = Json(
            Conn(Api, "[\"0.0.0.0-9.255.255.255\",\"11.0.0.0-255.255.255.255\"]", Tcp80),
            Conn(Api, "[\"10.0.0.0-10.255.255.255\"]", Tcp5432));
        var after = Json(
            Conn(Api, "[\"0.0.0.0-8.8.7.255\",\"8.8.9.0-9.255.255.255\",\"11.0.0.0-255.255.255.255\"]", Tcp80),
            Conn(Api, "[\"8.8.8.0-8.8.8.255\"]", Tcp80And443),
            Conn(Api, "[\"10.0.0.0-10.127.255.255\"]", Tcp5432),
            Conn(Api, "[\"10.128.0.0-10.255.255.255\"]", Tcp5432));

        Assert.Equal([("api/api[Deployment]", "8.8.8.0-8.8.8.255", "TCP 443", "None")], Show(ConnectivityDiff.Compare(before, after)));
    }

    [Fact]
    public void Segments_with_the_same_change_are_merged_and_incoming_blocks_are_separate()
    {
        var before = Json(Conn("[\"0.0.0.0-255.255.255.255\"]", Web, Tcp80));
        var after = Json(
            Conn("[\"0.0.0.0-9.255.255.255\"]", Web, Tcp80),
            Conn("[\"10.0.0.0-10.0.0.255\"]", Web, Tcp80And443),
            Conn("[\"10.0.1.0-10.0.1.255\"]", Web, Tcp80And443),
            Conn("[\"10.0.2.0-255.255.255.255\"]", Web, Tcp80),
            Conn(Web, "[\"0.0.0.0-255.255.255.255\"]", Tcp80));

        Assert.Equal(
            [
                ("web/web[Deployment]", "0.0.0.0-255.255.255.255", "TCP 80", "None"),
                ("10.0.0.0-10.0.1.255", "web/web[Deployment]", "TCP 443", "None"),
            ],
            Show(ConnectivityDiff.Compare(before, after)));
    }

    [Fact]
    public void Non_adjacent_segments_with_the_same_change_form_one_address_set()
    {
        var before = Json(Conn(Api, "[\"0.0.0.0-255.255.255.255\"]", Tcp80));
        var after = Json(Conn(Api, "[\"0.0.0.0-9.255.255.255\",\"11.0.0.0-255.255.255.255\"]", Tcp80));

        var change = Assert.Single(ConnectivityDiff.Compare(before, after));

        Assert.Equal("10.0.0.0-10.255.255.255", change.Destination.Name);
        Assert.Equal("TCP 80", change.Closed.ToString());

        var removedTwice = Json(Conn(Api, "[\"1.0.0.0-1.0.0.255\",\"3.0.0.0-3.0.0.255\"]", Tcp80));
        var merged = Assert.Single(ConnectivityDiff.Compare(removedTwice, Json()));
        Assert.Equal("1.0.0.0-1.0.0.255, 3.0.0.0-3.0.0.255", merged.Destination.Name);
    }

    [Fact]
    public void Ipv6_blocks_are_compared_separately_from_ipv4()
    {
        var before = Json(Conn(Api, "[\"0.0.0.0-255.255.255.255\"]", Tcp80));
        var after = Json(Conn(Api, "[\"0.0.0.0-255.255.255.255\"]", Tcp80), Conn(Api, "[\"2001:db8::-2001:db8::ffff\"]", Tcp80));

        Assert.Equal([("api/api[Deployment]", "2001:db8::-2001:db8::ffff", "TCP 80", "None")], Show(ConnectivityDiff.Compare(before, after)));
    }

    [Fact]
    public void A_malformed_report_is_bad_input_naming_the_file()
    {
        var error = Assert.Throws<Palisade.Components.Diagnostics.InputError>(() => ConnectivityDiff.Compare("{\"connections\":[{\"src\":1}]}", Json(), "base: analysis/connectivity.json"));

        Assert.StartsWith("base: analysis/connectivity.json", error.Message);
    }
}
