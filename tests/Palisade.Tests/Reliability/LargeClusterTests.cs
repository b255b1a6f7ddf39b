using System.Diagnostics;
using Palisade.Components.Connectivity;
using Palisade.Infra.Reports.Connectivity;

namespace Palisade.Tests.Reliability;

/// <summary>
/// Large and open clusters (issue #8 part 8): the JSON report streams with memory that does not grow with the number
/// of pairs, and the other reports summarise beyond <see cref="ConnectivitySummary.MaxRows"/> connections.
/// The full 5,000-workload run (25 million pairs, 3.5 GB of JSON) is in the benchmarks; here 500 and 1,500.
/// </summary>
public sealed class LargeClusterTests : IDisposable
{
    private const long OneGiB = 1L << 30;
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("palisade-large-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public async Task Json_of_an_open_cluster_streams_every_pair_with_memory_that_stays_flat()
    {
        var small = await StreamJson(500, 5);
        var large = await StreamJson(1_500, 15);

        // n workloads without policy: n(n-1) pairs between them, one to and one from the internet each.
        Assert.Equal((500L * 499) + (2 * 500), small.Output.Connections);
        Assert.Equal((1_500L * 1_499) + (2 * 1_500), large.Output.Connections);
        Assert.Equal(1_500, large.Output.Sources);
        Assert.True(large.Output.SourcesSorted, "workload sources are not in id order");
        Assert.Equal("team-0000/app-00000[Deployment]", large.Output.FirstSource);
        Assert.Equal("team-0014/app-01499[Deployment]", large.Output.LastDestination);
        Assert.True(large.Output.Bytes > 300_000_000, $"only {large.Output.Bytes} bytes of JSON");

        // The report grows ninefold (35 MB to 320 MB); memory may not follow it.
        Assert.True(small.PeakBytes > 16L << 20, $"the sampler saw {small.PeakBytes} bytes: it did not measure the process");
        Assert.True(large.PeakBytes < OneGiB, $"peak {large.PeakBytes >> 20} MiB");
        Assert.True(large.PeakBytes - small.PeakBytes < 64L << 20,
            $"peak grew from {small.PeakBytes >> 20} MiB to {large.PeakBytes >> 20} MiB with the number of pairs");
    }

    [Fact]
    public async Task A_reader_that_stops_early_ends_the_stream_with_one_error_line()
    {
        var folder = Folder(500, 5);

        var outcome = await MeasuredProcess.RunCli(
            stdout =>
            {
                var head = new byte[4096];
                stdout.ReadExactly(head);
                stdout.Close();
                return 0;
            },
            TimeSpan.FromSeconds(60), "connectivity", folder, "-o", "json");

        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: standard output: the report could not be written", line, StringComparison.Ordinal);
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(30), $"took {outcome.Elapsed} after the reader left");
    }

    [Fact]
    public void Twenty_thousand_open_workloads_are_summarised_by_class_in_seconds()
    {
        var cluster = LargeClusterManifests.Model(20_000, 200);
        var watch = Stopwatch.StartNew();
        var result = ConnectivityAnalyzer.Analyze(cluster);
        var text = ConnectivityReports.Render(result, ConnectivityReports.Text);
        var markdown = ConnectivityReports.Render(result, ConnectivityReports.Markdown);
        var mermaid = ConnectivityReports.Render(result, ConnectivityReports.Mermaid);
        watch.Stop();

        const string everyone = "ns-000/app-00000[Deployment] and 19,999 more in 200 namespaces";
        Assert.Equal((20_000L * 19_999) + (2 * 20_000), result.ConnectionCount);
        Assert.Equal(
            [
                "20,000 workloads in 200 namespaces, 400,020,000 allowed connections: summarised by workload class; use --output json for every pair.",
                $"SOURCE{new string(' ', everyone.Length - 4)}DESTINATION{new string(' ', everyone.Length - 9)}CONNECTIONS  ALLOWED",
                $"{everyone}  {everyone}  399,980,000  All Connections",
                $"{everyone}  {"0.0.0.0/0".PadRight(everyone.Length)}       20,000  All Connections",
                $"{"0.0.0.0/0".PadRight(everyone.Length)}  {everyone}       20,000  All Connections",
            ],
            text.TrimEnd('\n').Split('\n'));
        Assert.Contains($"| 0.0.0.0/0 | {everyone} | 20,000 | All Connections |", markdown, StringComparison.Ordinal);
        Assert.StartsWith("20,000 workloads in 200 namespaces, 400,020,000 allowed connections: summarised by workload class; use `--output json` for every pair.\n", markdown, StringComparison.Ordinal);
        Assert.Contains("-->|\"All (399,980,000)\"|", mermaid, StringComparison.Ordinal);
        Assert.Contains("%% 20,000 workloads in 200 namespaces", mermaid, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Counting_and_blocks_do_not_list_pairs()
    {
        var result = ConnectivityAnalyzer.Analyze(LargeClusterManifests.Model(20_000, 200));
        var before = GC.GetAllocatedBytesForCurrentThread();

        var count = result.ConnectionCount;
        var blocks = result.ConnectionBlocks.ToList();
        var firstMillion = result.EnumerateConnections().Take(1_000_000).Count();

        Assert.Equal(400_020_000, count);
        Assert.Equal(3, blocks.Count);
        Assert.Equal(count, blocks.Sum(b => b.Count));
        Assert.Equal(1_000_000, firstMillion);
        // A million pairs enumerated: allocation follows what was asked for (about 100 bytes a pair), not 400 million.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 400L << 20);
    }

    private async Task<MeasuredProcess.Outcome<ConnectivityJsonStream.Summary>> StreamJson(int workloads, int namespaces)
    {
        var outcome = await MeasuredProcess.RunCli(ConnectivityJsonStream.Read, TimeSpan.FromSeconds(120),
            "connectivity", Folder(workloads, namespaces), "--output", "json");
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Equal(string.Empty, outcome.Stderr);
        return outcome;
    }

    private string Folder(int workloads, int namespaces)
    {
        var folder = Path.Combine(directory.FullName, $"{workloads}");
        LargeClusterManifests.Write(folder, workloads, namespaces);
        return folder;
    }
}
