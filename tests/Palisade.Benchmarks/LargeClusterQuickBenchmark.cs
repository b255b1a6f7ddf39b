using System.Globalization;
using System.Text.RegularExpressions;
using Palisade.Infra.Reports.Connectivity;
using Palisade.Tests.Reliability;

namespace Palisade.Benchmarks;

/// <summary>
/// The built CLI as a process on generated folders of open workloads (no NetworkPolicy): wall time and the child's
/// peak resident memory (sampled VmHWM) for the 5,000-workload JSON stream, which is also parsed and counted as it
/// arrives, and for the 20,000-workload text, Markdown and Mermaid summaries.
/// </summary>
public static class LargeClusterQuickBenchmark
{
    public static async Task<int> Run(TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        var root = Directory.CreateTempSubdirectory("palisade-bench-large-");
        try
        {
            output.WriteLine("Open clusters through the CLI (a child process; peak = its sampled VmHWM)");
            output.WriteLine("workloads  output   connections   bytes           seconds  peak MiB");
            var jsonFolder = Path.Combine(root.FullName, "json");
            LargeClusterManifests.Write(jsonFolder, LargeClusterSizes.JsonWorkloads, LargeClusterSizes.JsonNamespaces);
            var json = await MeasuredProcess.RunCli(ConnectivityJsonStream.Read, TimeSpan.FromMinutes(10), "connectivity", jsonFolder, "-o", "json");
            Require(json.ExitCode, json.Stderr);
            output.WriteLine(string.Create(culture,
                $"{LargeClusterSizes.JsonWorkloads,-10} {"json",-8} {json.Output.Connections,-13} {json.Output.Bytes,-15} {json.Elapsed.TotalSeconds,-8:F1} {json.PeakBytes / 1048576.0:F0}"));

            var textFolder = Path.Combine(root.FullName, "text");
            LargeClusterManifests.Write(textFolder, LargeClusterSizes.TextWorkloads, LargeClusterSizes.TextNamespaces);
            foreach (var format in new[] { ConnectivityReports.Text, ConnectivityReports.Markdown, ConnectivityReports.Mermaid })
            {
                var report = await MeasuredProcess.RunCli(s => new StreamReader(s).ReadToEnd(), TimeSpan.FromMinutes(10), "connectivity", textFolder, "-o", format);
                Require(report.ExitCode, report.Stderr);
                var connections = Regex.Match(report.Output, "([0-9,]+) allowed connections").Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal);
                output.WriteLine(string.Create(culture,
                    $"{LargeClusterSizes.TextWorkloads,-10} {format,-8} {connections,-13} {report.Output.Length,-15} {report.Elapsed.TotalSeconds,-8:F1} {report.PeakBytes / 1048576.0:F0}"));
            }

            return 0;
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static void Require(int exitCode, string stderr)
    {
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"the CLI exited {exitCode}: {stderr}");
        }
    }
}
