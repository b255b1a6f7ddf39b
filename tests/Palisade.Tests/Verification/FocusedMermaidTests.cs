using Palisade.Components.Connectivity;
using Palisade.Infra.Reports.Connectivity;

namespace Palisade.Tests.Verification;

/// <summary>The stack's Mermaid graph shows its apps and their peers, DNS folded, platform-to-platform edges hidden.</summary>
public class FocusedMermaidTests
{
    [Fact]
    public void The_focused_graph_keeps_app_edges_folds_dns_and_hides_platform_edges()
    {
        var result = StackFixtures.Voting();
        var focused = result.Files["analysis/connectivity.mmd"];
        var everything = ConnectivityMermaidRenderer.Render(result.Connectivity);
        var apps = result.Declared.AppWorkloads.Count;

        Assert.Contains($"dns_note[/\"DNS: {apps} app workloads reach kube-system/coredns[Deployment] on port 53 (edges folded)\"/]", focused);
        Assert.Contains("w_voting_frontend_frontend_Deployment -->|\"TCP 8000\"| w_voting_api_api_Deployment", focused);
        Assert.DoesNotContain("-->|\"TCP 53; UDP 53\"|", focused);
        Assert.Contains("-->|\"TCP 53; UDP 53\"|", everything);
        var edges = result.Connectivity.Connections.Where(c => !(c.Source is WorkloadPeer s && result.Declared.AppWorkloads.Contains(s.Id)) &&
                                                                !(c.Destination is WorkloadPeer d && result.Declared.AppWorkloads.Contains(d.Id))).ToList();
        Assert.NotEmpty(edges);
        Assert.True(focused.Split('\n').Count(l => l.Contains("-->", StringComparison.Ordinal)) <
                    everything.Split('\n').Count(l => l.Contains("-->", StringComparison.Ordinal)) - edges.Count + 1);
    }
}
