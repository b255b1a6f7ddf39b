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

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Engine_equals_oracle_under_every_enforcement_profile(int firstSeed)
    {
        string[][] podRanges = [[], ["10.0.0.0/8"], ["10.1.0.0/16"], ["10.1.0.0/16", "192.168.0.0/16"]];
        for (var seed = firstSeed; seed < firstSeed + 50; seed++)
        {
            var cluster = seed % 2 == 0 ? RandomClusterPolicies.Generate(seed) : RandomClusters.Generate(seed);
            var profile = new EnforcementProfile((CniProfile)(seed % 4), podRanges[seed / 4 % 4].Select(Cidr.Parse).ToList())
            {
                Named = seed % 3 == 0 ? Palisade.Components.ZeroTrust.PlatformEndpoints.Ranges : [],
                NodeRanges = (seed % 3) switch { 0 => [Cidr.Parse("10.0.0.0/20")], 1 => [Cidr.Parse("10.1.0.0/24"), Cidr.Parse("192.168.0.0/16")], _ => [] },
            };
            var expected = TestCluster.Lines(PairwiseEvaluator.Evaluate(cluster, profile));
            var actual = TestCluster.Lines(ConnectivityAnalyzer.Analyze(cluster, profile));
            Assert.True(expected.SequenceEqual(actual), $"seed {seed} ({profile.Cni}):\n- oracle:\n{string.Join("\n", expected)}\n- engine:\n{string.Join("\n", actual)}");
        }
    }

    [Fact]
    public void Address_matching_profiles_change_random_results()
    {
        var profile = new EnforcementProfile(CniProfile.EksVpcCni, [Cidr.Parse("10.1.0.0/16")]);
        var changed = Enumerable.Range(0, 300).Count(s =>
            !TestCluster.Lines(ConnectivityAnalyzer.Analyze(RandomClusters.Generate(s)))
                .SequenceEqual(TestCluster.Lines(ConnectivityAnalyzer.Analyze(RandomClusters.Generate(s), profile))));

        Assert.True(changed > 10, $"only {changed} of 300 random clusters changed under eks-vpc-cni");
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
    public void Larger_synthetic_cluster_with_guardrails_matches_the_oracle()
    {
        var cluster = SyntheticClusterPolicies.Generate(workloads: 300, namespaces: 30, clusterPolicies: 12, seed: 7);
        var result = ConnectivityAnalyzer.Analyze(cluster);

        Assert.Equal(TestCluster.Lines(PairwiseEvaluator.Evaluate(cluster)), TestCluster.Lines(result));
        Assert.NotEqual(TestCluster.Lines(ConnectivityAnalyzer.Analyze(cluster with { ClusterPolicies = null })), TestCluster.Lines(result));
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
