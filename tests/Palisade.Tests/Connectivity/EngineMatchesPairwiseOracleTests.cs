using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;

namespace Palisade.Tests.Connectivity;

/// <summary>The grouped engine and the plain pairwise evaluator agree on random clusters (fixed seeds).</summary>
public sealed class EngineMatchesPairwiseOracleTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 0; seed < 400; seed += 20)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Engine_equals_oracle_on_random_clusters(int firstSeed)
    {
        for (var seed = firstSeed; seed < firstSeed + 20; seed++)
        {
            var cluster = RandomClusters.Generate(seed);
            var expected = TestCluster.Lines(PairwiseEvaluator.Evaluate(cluster));
            var actual = TestCluster.Lines(ConnectivityAnalyzer.Analyze(cluster));
            Assert.True(expected.SequenceEqual(actual), $"seed {seed}:\n- oracle:\n{string.Join("\n", expected)}\n- engine:\n{string.Join("\n", actual)}");
        }
    }

    [Fact]
    public void Random_clusters_exercise_isolation_named_ports_and_external_blocks()
    {
        var results = Enumerable.Range(0, 400).Select(s => ConnectivityAnalyzer.Analyze(RandomClusters.Generate(s))).ToList();

        Assert.Contains(results, r => r.Connections.Any(c => !c.Allowed.IsAll && c.Destination is WorkloadPeer));
        Assert.Contains(results, r => r.Connections.Any(c => c.Destination is ExternalPeer { Ranges.Count: > 1 }));
        Assert.Contains(results, r => r.ExternalFamilies.Count == 2);
        Assert.Contains(results, r => r.Workloads.Count > 1 && r.Connections.Count(c => !c.Source.IsExternal && !c.Destination.IsExternal) == 0);
    }

    [Fact]
    public void Output_does_not_depend_on_input_order()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var cluster = RandomClusters.Generate(seed);
            var reversed = new ClusterModel(cluster.Namespaces.Reverse().ToList(), cluster.Workloads.Reverse().ToList(), cluster.Policies.Reverse().ToList());

            Assert.Equal(TestCluster.Lines(ConnectivityAnalyzer.Analyze(cluster)), TestCluster.Lines(ConnectivityAnalyzer.Analyze(reversed)));
        }
    }

    [Fact]
    public void Larger_synthetic_cluster_matches_the_oracle()
    {
        var cluster = SyntheticClusters.Generate(workloads: 300, namespaces: 30, seed: 7);

        Assert.Equal(TestCluster.Lines(PairwiseEvaluator.Evaluate(cluster)), TestCluster.Lines(ConnectivityAnalyzer.Analyze(cluster)));
    }
}
