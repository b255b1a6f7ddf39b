using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Infra.Reports.Connectivity;
using Palisade.Tests.Connectivity;
using static Palisade.Tests.Connectivity.Np;

namespace Palisade.Tests.Reliability;

/// <summary>
/// Text, Markdown and Mermaid reports list every pair up to <see cref="ConnectivitySummary.MaxRows"/> connections and
/// summarise beyond, saying so; the summary's counts are those of the full list, grouped.
/// </summary>
public sealed class ConnectivitySummaryTests
{
    [Fact]
    public void Up_to_two_thousand_connections_every_pair_is_listed_and_one_more_workload_is_summarised()
    {
        // n open workloads: n(n-1) + 2n connections; 44 give 1,980, 45 give 2,070.
        var listed = ConnectivityAnalyzer.Analyze(LargeClusterManifests.Model(44, 1));
        var summarised = ConnectivityAnalyzer.Analyze(LargeClusterManifests.Model(45, 1));

        var full = ConnectivityReports.Render(listed, ConnectivityReports.Text);
        Assert.StartsWith("SOURCE ", full, StringComparison.Ordinal);
        Assert.Equal(1 + 1_980, full.TrimEnd('\n').Split('\n').Length);
        Assert.Equal(1_980, listed.ConnectionCount);
        Assert.Equal(
            """
            45 workloads in 1 namespace, 2,070 allowed connections: summarised by namespace; use --output json for every pair.
            SOURCE     DESTINATION  CONNECTIONS  ALLOWED
            ns-000     ns-000             1,980  All Connections
            ns-000     0.0.0.0/0             45  All Connections
            0.0.0.0/0  ns-000                45  All Connections

            """,
            ConnectivityReports.Render(summarised, ConnectivityReports.Text));
    }

    [Fact]
    public void Namespace_summary_counts_each_allowed_set_per_namespace_pair_in_every_format()
    {
        var result = ConnectivityAnalyzer.Analyze(ThreeTiers(20));

        Assert.Equal(
            """
            60 workloads in 3 namespaces, 2,860 allowed connections: summarised by namespace; use --output json for every pair.
            SOURCE     DESTINATION  CONNECTIONS  ALLOWED
            api        api                  380  All Connections
            api        db                   400  TCP 5432
            api        web                  400  All Connections
            api        0.0.0.0/0             20  All Connections
            db         api                  400  All Connections
            db         web                  400  All Connections
            db         0.0.0.0/0             20  All Connections
            web        api                  400  All Connections
            web        web                  380  All Connections
            web        0.0.0.0/0             20  All Connections
            0.0.0.0/0  api                   20  All Connections
            0.0.0.0/0  web                   20  All Connections

            """,
            ConnectivityReports.Render(result, ConnectivityReports.Text));

        var markdown = ConnectivityReports.Render(result, ConnectivityReports.Markdown);
        Assert.StartsWith(
            "60 workloads in 3 namespaces, 2,860 allowed connections: summarised by namespace; use `--output json` for every pair.\n\n" +
            "| Source | Destination | Connections | Allowed |\n| --- | --- | ---: | --- |\n| api | api | 380 | All Connections |\n| api | db | 400 | TCP 5432 |\n",
            markdown,
            StringComparison.Ordinal);

        var mermaid = ConnectivityReports.Render(result, ConnectivityReports.Mermaid);
        Assert.Equal(
            """
            graph LR
                %% 60 workloads in 3 namespaces, 2,860 allowed connections: summarised by namespace; use --output json for every pair.
                ns_api["api (20 workloads)"]
                ns_db["db (20 workloads)"]
                ns_web["web (20 workloads)"]
                ext_1["0.0.0.0/0"]
                ns_api -->|"All (380)"| ns_api
                ns_api -->|"TCP 5432 (400)"| ns_db
            """,
            string.Join('\n', mermaid.Split('\n').Take(8)));
        Assert.Equal(1 + 1 + 4 + 12, mermaid.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public void Summary_counts_equal_the_full_list_grouped_by_namespace_on_random_clusters()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var result = ConnectivityAnalyzer.Analyze(RandomClusters.Generate(seed));
            var summary = ConnectivitySummary.For(result, threshold: -1)!;
            var expected = result.Connections
                .GroupBy(c => (Key(c.Source), Key(c.Destination), c.Allowed.ToString()))
                .ToDictionary(g => g.Key, g => (long)g.Count());
            var actual = summary.Rows.ToDictionary(r => (r.Source.Label, r.Destination.Label, r.Allowed.ToString()), r => r.Count);

            Assert.Equal(SummaryLevel.Namespace, summary.Level);
            Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));
            Assert.Equal(result.Connections.Count, result.ConnectionCount);
        }

        static string Key(Peer peer) => peer is WorkloadPeer w ? w.Workload.Namespace : peer.Name;
    }

    [Fact]
    public void Connection_blocks_cover_each_connection_exactly_once_on_random_clusters()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var result = ConnectivityAnalyzer.Analyze(RandomClusters.Generate(seed));
            var fromBlocks = result.ConnectionBlocks
                .SelectMany(b => b.Sources.SelectMany(s => b.Destinations.Where(d => !d.Equals(s)).Select(d => new Connection(s, d, b.Allowed))))
                .Order(ConnectionOrder.Instance)
                .Select(c => c.ToString());

            Assert.Equal(result.Connections.Select(c => c.ToString()), fromBlocks);
            Assert.Equal(result.Connections.Select(c => c.ToString()), result.EnumerateConnections().Select(c => c.ToString()));
        }
    }

    [Fact]
    public void Beyond_two_thousand_namespace_pairs_the_summary_groups_by_class_and_says_which()
    {
        // 60 namespaces of one open workload each: 3,600 namespace pairs, one class.
        var result = ConnectivityAnalyzer.Analyze(LargeClusterManifests.Model(60, 60));

        var text = ConnectivityReports.Render(result, ConnectivityReports.Text);

        Assert.StartsWith("60 workloads in 60 namespaces, 3,660 allowed connections: summarised by workload class; use --output json for every pair.\n", text, StringComparison.Ordinal);
        Assert.Contains("ns-000/app-00000[Deployment] and 59 more in 60 namespaces  ns-000/app-00000[Deployment] and 59 more in 60 namespaces        3,540  All Connections", text, StringComparison.Ordinal);
    }

    [Fact]
    public void More_classes_than_rows_are_cut_with_a_count_of_what_is_left_out()
    {
        // Every workload its own class (a policy per workload selecting it by name), in namespaces of one: 2,500 blocks
        // of workload pairs after 2,500 namespace pairs.
        var cluster = new TestCluster();
        for (var i = 0; i < 50; i++)
        {
            cluster.Namespace($"n{i:D2}").Deployment($"n{i:D2}", "app", $"a{i:D2}")
                .Policy(Policy($"n{i:D2}", "in", App($"a{i:D2}"), Ingress, ingress: [Rule([Namespaces(Sel())])]));
        }

        var result = ConnectivityAnalyzer.Analyze(cluster.Build());
        var summary = ConnectivitySummary.For(result)!;
        var text = ConnectivityReports.Render(result, ConnectivityReports.Text);

        Assert.Equal(SummaryLevel.WorkloadClass, summary.Level);
        Assert.Equal(ConnectivitySummary.MaxRows, summary.Rows.Count);
        Assert.Equal((50 * 49) + 50 - ConnectivitySummary.MaxRows, summary.OmittedRows);
        Assert.EndsWith($"\n... and {summary.OmittedRows} more rows; use --output json for every pair.\n", text, StringComparison.Ordinal);
    }

    /// <summary>web, api and db namespaces of n workloads; db admits only api, on 5432.</summary>
    private static ClusterModel ThreeTiers(int n)
    {
        var cluster = new TestCluster().Namespace("web").Namespace("api").Namespace("db");
        foreach (var ns in new[] { "web", "api", "db" })
        {
            for (var i = 0; i < n; i++)
            {
                cluster.Deployment(ns, $"{ns}-{i:D2}", ns, Port(8080));
            }
        }

        return cluster
            .Policy(Policy("db", "from-api", Sel(), Ingress, ingress: [Rule([Namespaces(NsName("api"))], Tcp(5432))]))
            .Build();
    }
}
