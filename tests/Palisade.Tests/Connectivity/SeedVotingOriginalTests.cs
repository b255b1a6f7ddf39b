using Palisade.Components.Connectivity;
using Palisade.Infra.Manifests;
using Palisade.Tests.Support;

namespace Palisade.Tests.Connectivity;

/// <summary>
/// Seed 004's NetworkPolicies exactly as the seed writes them. The analysis shows why a team needs this tool: the
/// "allow-dns-access" policy (Egress, podSelector {}) egress-isolates every pod and allows only DNS, so none of the
/// seven flows of the seed's own test matrix works; and its DNS peer selects namespaces labelled name=kube-system,
/// which kube-system does not carry, so DNS fails too. Only the ingress controller reaches the frontend.
/// The synthesized voting app (VotingMatrixTests) gets all seven right.
/// </summary>
public class SeedVotingOriginalTests
{
    private static readonly ConnectivityResult Matrix = ConnectivityAnalyzer.Analyze(
        ManifestDirectoryReader.Read(Path.Combine(RepoPaths.TestProject, "Fixtures", "Connectivity", "seed-004-original")).Cluster);

    [Theory]
    [InlineData("voting-frontend/frontend[Deployment]", "voting-api/api[Deployment]")]
    [InlineData("voting-api/api[Deployment]", "voting-data/postgres[StatefulSet]")]
    [InlineData("voting-api/api[Deployment]", "voting-data/redis[StatefulSet]")]
    [InlineData("voting-consumer/consumer[Deployment]", "voting-data/postgres[StatefulSet]")]
    [InlineData("voting-consumer/consumer[Deployment]", "voting-data/redis[StatefulSet]")]
    [InlineData("voting-api/api[Deployment]", "kube-system/coredns[Deployment]")]
    public void The_seeds_own_allowed_flows_are_blocked_by_its_dns_policy(string source, string destination)
    {
        Assert.True(Matrix.Between(source, destination).IsEmpty);
    }

    [Fact]
    public void Only_the_ingress_controller_to_frontend_flow_works()
    {
        var app = Matrix.Connections.Where(c => c.Source.Name.StartsWith("voting-", StringComparison.Ordinal) ||
                                                c.Destination.Name.StartsWith("voting-", StringComparison.Ordinal));

        Assert.Equal(["ingress-nginx/ingress-nginx-controller[Deployment] => voting-frontend/frontend[Deployment] : TCP 80"],
            app.Select(c => c.ToString()));
    }
}
