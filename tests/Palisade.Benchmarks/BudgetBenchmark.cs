using System.Diagnostics;
using System.Globalization;
using Palisade.Components.Connectivity;
using Palisade.Tests.Connectivity;

namespace Palisade.Benchmarks;

/// <summary>
/// The engine's budgets with all three tiers (two NetworkPolicies per namespace plus 50 cluster policies over the Admin
/// and Baseline tiers): the median time, allocations and peak working set at 10,000 and 50,000 pods, and the tiered
/// pairwise oracle against the engine at growing sizes until one oracle run exceeds the time limit.
/// </summary>
public static class BudgetBenchmark
{
    private const int ClusterPolicies = 50;
    private static readonly TimeSpan OracleLimit = TimeSpan.FromSeconds(60);

    // The runtime reads DOTNET_TieredCompilation before the project's setting (runtimeconfig.json).
    private static bool TieredCompilationEnabled =>
        Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") is { } variable
            ? variable != "0"
            : !AppContext.TryGetSwitch("System.Runtime.TieredCompilation", out var enabled) || enabled;

    public static int Run(TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(culture, $"Budgets: {ClusterPolicies} cluster policies on top of two NetworkPolicies per namespace ({Environment.ProcessorCount} cores, {Measurement.LoadAverage()}, tiered compilation {(TieredCompilationEnabled ? "on" : "off")})"));
        output.WriteLine("pods    namespaces  policies  connections   median ms  min ms  max ms  CPU ms/run  allocated MiB/run  peak working set MiB");
        var medians = new List<double>();
        foreach (var (workloads, namespaces, runs) in new[] { (10_000, 1_000, 9), (50_000, 5_000, 5) })
        {
            var cluster = SyntheticClusterPolicies.Generate(workloads, namespaces, ClusterPolicies);
            var connections = ConnectivityAnalyzer.Analyze(cluster).ConnectionCount;
            var timings = Measurement.Sample(() => ConnectivityAnalyzer.Analyze(cluster), runs, warmUp: true);
            medians.Add(timings.MedianMs);
            using var process = Process.GetCurrentProcess();
            output.WriteLine(string.Create(culture,
                $"{cluster.Workloads.Count,-7} {namespaces,-11} {cluster.Policies.Count,-9} {connections,-13} {timings.MedianMs,-10:F1} {timings.MinMs,-7:F1} {timings.MaxMs,-7:F1} {timings.CpuMedianMs,-11:F1} {timings.AllocatedPerRun / 1048576.0,-18:F1} {process.PeakWorkingSet64 / 1048576.0:F0}"));
        }

        output.WriteLine(string.Create(culture, $"Growth: 5x the pods take {medians[1] / medians[0]:F1}x the median time ({Measurement.LoadAverage()} after the budget runs)"));
        output.WriteLine();
        output.WriteLine("Tiered pairwise oracle against the engine (one oracle run per size, stopping after one exceeds the limit)");
        foreach (var (workloads, namespaces) in new[] { (500, 50), (1_000, 100), (2_000, 200), (4_000, 400) })
        {
            var cluster = SyntheticClusterPolicies.Generate(workloads, namespaces, ClusterPolicies);
            var (engine, _, _) = Measurement.Measure(() => ConnectivityAnalyzer.Analyze(cluster), 5, warmUp: true);
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(PairwiseEvaluator.Evaluate(cluster));
            var oracle = watch.Elapsed;
            output.WriteLine(string.Create(culture,
                $"{workloads,-7} pods: oracle {oracle.TotalMilliseconds:F0} ms, engine median {engine:F1} ms, engine is {oracle.TotalMilliseconds / engine:F0}x faster"));
            if (oracle > OracleLimit)
            {
                break;
            }
        }

        output.WriteLine(Measurement.LoadAverage() + " at the end");
        return 0;
    }
}
