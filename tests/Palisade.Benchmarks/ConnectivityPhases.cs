using System.Diagnostics;
using System.Globalization;
using Palisade.Components.Connectivity;
using Palisade.Infra.Manifests;
using Palisade.Infra.Reports.Connectivity;

namespace Palisade.Benchmarks;

/// <summary>
/// Where the time of <c>connectivity</c> goes on one folder, in process after a warm-up run: reading the manifests,
/// the analysis, and each report format. Medians with min and max.
/// </summary>
public static class ConnectivityPhases
{
    public static int Run(string folder, int runs, TextWriter output)
    {
        var phases = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        for (var run = 0; run <= runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var read = ManifestDirectoryReader.Read(folder);
            Record(phases, "read", watch, run);
            var result = ConnectivityAnalyzer.Analyze(read.Cluster);
            Record(phases, "analyse", watch, run);
            foreach (var format in ConnectivityReports.Formats)
            {
                GC.KeepAlive(ConnectivityReports.Render(result, format));
                Record(phases, "render " + format, watch, run);
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"connectivity phases on {folder}, in process, {runs} runs after a warm-up"));
        foreach (var (phase, times) in phases)
        {
            times.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{phase,-16} {times[times.Count / 2],8:F1} ms  ({times[0]:F1}-{times[^1]:F1})"));
        }

        return 0;
    }

    private static void Record(Dictionary<string, List<double>> phases, string phase, Stopwatch watch, int run)
    {
        if (run > 0)
        {
            if (!phases.TryGetValue(phase, out var times))
            {
                phases[phase] = times = [];
            }

            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        watch.Restart();
    }
}
