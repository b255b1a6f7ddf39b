using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;

namespace Palisade.Tests.Connectivity;

/// <summary>The grouped engine and the pairwise oracle agree once cluster policies of both tiers are in play.</summary>
public sealed class ClusterTierOracleTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 0; seed < 600; seed += 50)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Engine_equals_oracle_with_cluster_policies(int firstSeed)
    {
        for (var seed = firstSeed; seed < firstSeed + 50; seed++)
        {
            var cluster = RandomClusterPolicies.Generate(seed);
            var expected = TestCluster.Lines(PairwiseEvaluator.Evaluate(cluster));
            var actual = TestCluster.Lines(ConnectivityAnalyzer.Analyze(cluster));
            Assert.True(expected.SequenceEqual(actual), $"seed {seed}:\n- oracle:\n{string.Join("\n", expected)}\n- engine:\n{string.Join("\n", actual)}");
        }
    }

    [Fact]
    public void Random_cluster_policies_change_results_and_reach_every_tier_outcome()
    {
        var seeds = Enumerable.Range(0, 600).ToList();
        var changed = seeds.Count(s =>
            !TestCluster.Lines(ConnectivityAnalyzer.Analyze(RandomClusters.Generate(s)))
                .SequenceEqual(TestCluster.Lines(ConnectivityAnalyzer.Analyze(RandomClusterPolicies.Generate(s)))));
        var results = seeds.Select(s => ConnectivityAnalyzer.Analyze(RandomClusterPolicies.Generate(s))).ToList();

        Assert.True(changed > 200, $"only {changed} of 600 random clusters changed with cluster policies");
        Assert.Contains(results, r => r.Connections.Any(c => c.Allowed.AllowsOtherProtocols && !c.Allowed.IsAll));
        Assert.Contains(results, r => r.Assumptions.Count > 0);
    }

    [Fact]
    public void Output_does_not_depend_on_cluster_policy_order()
    {
        for (var seed = 0; seed < 100; seed++)
        {
            var cluster = RandomClusterPolicies.Generate(seed);
            var reversed = cluster with { ClusterPolicies = cluster.EffectiveClusterPolicies.Reverse().ToList() };

            Assert.Equal(TestCluster.Lines(ConnectivityAnalyzer.Analyze(cluster)), TestCluster.Lines(ConnectivityAnalyzer.Analyze(reversed)));
        }
    }
}
