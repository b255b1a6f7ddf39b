using Palisade.Components.Connectivity;
using Palisade.Infra.Manifests;
using Palisade.Infra.Reports.Connectivity;

namespace Palisade.Tests.Connectivity;

/// <summary>The benchmarks' manifest folders read back as the cluster they were written from.</summary>
public sealed class SyntheticManifestsTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("palisade-synthetic-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public void A_written_cluster_reads_back_with_the_same_objects_and_the_same_connectivity()
    {
        var cluster = SyntheticClusterPolicies.Generate(workloads: 300, namespaces: 30, clusterPolicies: 10, seed: 3);

        SyntheticManifests.Write(directory.FullName, cluster);
        var read = ManifestDirectoryReader.Read(directory.FullName, strict: true);

        Assert.Empty(read.Warnings);
        Assert.Equal(cluster.Namespaces.Select(n => n.Name).Order(StringComparer.Ordinal), read.Cluster.Namespaces.Select(n => n.Name));
        Assert.Equal(cluster.Workloads.Select(w => w.Id).Order(StringComparer.Ordinal), read.Cluster.Workloads.Select(w => w.Id));
        Assert.Equal(cluster.Policies.Count, read.Cluster.Policies.Count);
        Assert.Equal(cluster.EffectiveClusterPolicies.Count, read.Cluster.EffectiveClusterPolicies.Count);
        Assert.Equal(
            ConnectivityJsonRenderer.Render(ConnectivityAnalyzer.Analyze(cluster)),
            ConnectivityJsonRenderer.Render(ConnectivityAnalyzer.Analyze(read.Cluster)));
    }
}
