using System.Diagnostics;
using System.Globalization;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Tests.Connectivity;

namespace Palisade.Benchmarks;

/// <summary>
/// Median wall time of the full analysis (policies compiled, classes built, result expanded and sorted) over several
/// runs per size, with allocations per run and the process's peak working set, then the pairwise oracle on 1,000 pods.
/// </summary>
public static class QuickBenchmark
{
    private const int Runs = 9;

    public static int Run(TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(culture, $"Connectivity engine, median of {Runs} runs after a warm-up ({Environment.ProcessorCount} cores, {(Debugger.IsAttached ? "debugger" : "no debugger")})"));
        output.WriteLine("pods    namespaces  policies  connections  median ms  min ms  allocated MiB/run  peak working set MiB");
        double engineOneThousand = 0;
        ClusterModel? smallest = null;
        foreach (var (workloads, namespaces) in BenchmarkSizes.All)
        {
            var cluster = SyntheticClusters.Generate(workloads, namespaces);
            smallest ??= cluster;
            var connections = ConnectivityAnalyzer.Analyze(cluster).Connections.Count;
            var (median, min, allocated) = Measurement.Measure(() => ConnectivityAnalyzer.Analyze(cluster), Runs);
            if (workloads == 1_000)
            {
                engineOneThousand = median;
            }

            using var process = Process.GetCurrentProcess();
            output.WriteLine(string.Create(culture,
                $"{cluster.Workloads.Count,-7} {namespaces,-11} {cluster.Policies.Count,-9} {connections,-12} {median,-10:F1} {min,-7:F1} {allocated / 1048576.0,-18:F1} {process.PeakWorkingSet64 / 1048576.0:F0}"));
        }

        var (pairwise, _, pairwiseAllocated) = Measurement.Measure(() => PairwiseEvaluator.Evaluate(smallest!), 3);
        output.WriteLine(string.Create(culture,
            $"pairwise evaluator on {smallest!.Workloads.Count} pods: median {pairwise:F0} ms ({pairwiseAllocated / 1048576.0:F0} MiB allocated/run); engine is {pairwise / engineOneThousand:F0}x faster"));

        output.WriteLine();
        output.WriteLine("With 50 cluster policies (Admin and Baseline tiers) on top");
        double tieredOneThousand = 0;
        ClusterModel? tieredSmallest = null;
        foreach (var (workloads, namespaces) in BenchmarkSizes.All)
        {
            var cluster = SyntheticClusterPolicies.Generate(workloads, namespaces, 50);
            tieredSmallest ??= cluster;
            var connections = ConnectivityAnalyzer.Analyze(cluster).Connections.Count;
            var (median, min, allocated) = Measurement.Measure(() => ConnectivityAnalyzer.Analyze(cluster), Runs);
            if (workloads == 1_000)
            {
                tieredOneThousand = median;
            }

            using var process = Process.GetCurrentProcess();
            output.WriteLine(string.Create(culture,
                $"{cluster.Workloads.Count,-7} {namespaces,-11} {cluster.Policies.Count,-9} {connections,-12} {median,-10:F1} {min,-7:F1} {allocated / 1048576.0,-18:F1} {process.PeakWorkingSet64 / 1048576.0:F0}"));
        }

        var (tieredPairwise, _, _) = Measurement.Measure(() => PairwiseEvaluator.Evaluate(tieredSmallest!), 3);
        output.WriteLine(string.Create(culture,
            $"pairwise evaluator with tiers on {tieredSmallest!.Workloads.Count} pods: median {tieredPairwise:F0} ms; engine is {tieredPairwise / tieredOneThousand:F0}x faster"));

        output.WriteLine();
        output.WriteLine("Synthesis of the repository's stacks, in process (compose, emit program and manifests, parse them back, analyse, check)");
        foreach (var stack in SynthesisBenchmarks.Stacks)
        {
            var config = SynthesisBenchmarks.Load(stack);
            var (median, min, allocated) = Measurement.Measure(() => Palisade.Infra.Synthesis.Synthesizer.Synthesize(config, Palisade.Examples.ExampleApps.Catalog), Runs);
            output.WriteLine(string.Create(culture, $"{stack,-6} median {median:F1} ms, min {min:F1} ms, {allocated / 1048576.0:F1} MiB allocated/run"));
        }

        return 0;
    }
}
