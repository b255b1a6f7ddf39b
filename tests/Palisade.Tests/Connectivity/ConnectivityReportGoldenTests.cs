using Palisade.Components.Connectivity;
using Palisade.Infra.Manifests;
using Palisade.Infra.Reports.Connectivity;

namespace Palisade.Tests.Connectivity;

/// <summary>
/// Every report format of the fixtures against golden files in Fixtures/Connectivity/golden.
/// Regenerate with UPDATE_GOLDEN=1 dotnet test --filter ConnectivityReportGoldenTests.
/// </summary>
public sealed class ConnectivityReportGoldenTests
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var fixture in new[] { "govtech", "multitenant" })
        {
            foreach (var (format, extension) in new[] { ("text", "txt"), ("json", "json"), ("md", "md"), ("mermaid", "mmd") })
            {
                data.Add(fixture, format, extension);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Report_matches_golden_file(string fixture, string format, string extension)
    {
        var result = ConnectivityAnalyzer.Analyze(ManifestDirectoryReader.Read(ConnectivityFixtures.PathOf(fixture)).Cluster);
        var actual = ConnectivityReports.Render(result, format);
        var golden = ConnectivityFixtures.PathOf("golden", $"{fixture}.{extension}");

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.WriteAllText(golden, actual);
        }

        Assert.True(File.Exists(golden), $"missing {golden}; run with UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(golden), actual);
    }

    [Fact]
    public void Mermaid_node_ids_are_safe_and_edges_are_labelled()
    {
        var result = new TestCluster()
            .Deployment("my-ns", "web.v2", "web")
            .Deployment("my_ns", "web-v2", "web")
            .Policy(Np.Policy("my-ns", "p", Np.App("web"), Np.Egress, egress: [Np.Rule([Np.Namespaces(Np.NsName("my_ns"))], Np.Tcp(8000))]))
            .Analyze();

        var mermaid = ConnectivityMermaidRenderer.Render(result);

        Assert.Contains("    subgraph ns_my_ns[\"my-ns\"]", mermaid, StringComparison.Ordinal);
        Assert.Contains("    subgraph ns_my_ns_2[\"my_ns\"]", mermaid, StringComparison.Ordinal);
        Assert.Contains("        w_my_ns_web_v2_Deployment[\"web.v2 [Deployment]\"]", mermaid, StringComparison.Ordinal);
        Assert.Contains("        w_my_ns_web_v2_Deployment_2[\"web-v2 [Deployment]\"]", mermaid, StringComparison.Ordinal);
        Assert.Contains("    w_my_ns_web_v2_Deployment -->|\"TCP 8000\"| w_my_ns_web_v2_Deployment_2", mermaid, StringComparison.Ordinal);
    }
}
