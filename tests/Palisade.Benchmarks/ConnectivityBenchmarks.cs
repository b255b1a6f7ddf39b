using BenchmarkDotNet.Attributes;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Tests.Connectivity;

namespace Palisade.Benchmarks;

/// <summary>The grouped engine on synthetic clusters of 1,000 to 10,000 pods.</summary>
[MemoryDiagnoser]
public class ConnectivityBenchmarks
{
    private ClusterModel cluster = null!;

    [Params(1_000, 5_000, 10_000)]
    public int Pods { get; set; }

    [GlobalSetup]
    public void Setup() => cluster = SyntheticClusters.Generate(Pods, BenchmarkSizes.NamespacesFor(Pods));

    [Benchmark]
    public int Analyze() => ConnectivityAnalyzer.Analyze(cluster).Connections.Count;
}

/// <summary>The pairwise oracle on the smallest size, for the speed-up ratio.</summary>
[MemoryDiagnoser]
public class PairwiseBenchmarks
{
    private ClusterModel cluster = null!;

    [GlobalSetup]
    public void Setup() => cluster = SyntheticClusters.Generate(1_000, BenchmarkSizes.NamespacesFor(1_000));

    [Benchmark(Baseline = true)]
    public int Engine() => ConnectivityAnalyzer.Analyze(cluster).Connections.Count;

    [Benchmark]
    public int Pairwise() => PairwiseEvaluator.Evaluate(cluster).Connections.Count;
}
