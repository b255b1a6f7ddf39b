using System.Net;
using Palisade.Components.Connectivity;
using Palisade.Components.Diagnostics;
using Palisade.Infra.Checks;
using Palisade.Infra.Synthesis;
using Palisade.Tests.Cloud;
using Palisade.Tests.Support;

namespace Palisade.Tests.Verification;

/// <summary>
/// Node addresses: a stack names its node ranges (palisade:nodeCidrs), the matrix shows them as the peer nodes, and
/// the node-reach check fails a tier that an ipBlock opens to them — under VPC CNI and Calico, not under Dataplane V2,
/// whose ipBlocks never match nodes.
/// </summary>
public sealed class NodeReachTests
{
    private static readonly string Prod = File.ReadAllText(Path.Combine(RepoPaths.Root, "Pulumi.prod.yaml"));

    private const string NodeSubnets = "  palisade:nodeCidrs:\n    - 10.20.0.0/20\n    - 10.20.16.0/20\n    - 10.20.32.0/20\n";

    private static string WithProd(string extra) => Prod.Replace("  palisade:cloud: aws\n", "  palisade:cloud: aws\n" + extra, StringComparison.Ordinal);

    private static readonly Lazy<SynthesisResult> Named = new(() => StackFixtures.Synthesize(WithProd(NodeSubnets), "nodes"));

    /// <summary>The checks after the voting frontend's ingress from the first ALB subnet is widened to the whole VPC.</summary>
    private static (ConnectivityResult Connectivity, CheckResult NodeReach) AdmittingTheVpc(SynthesisResult result)
    {
        const string file = "manifests/voting-frontend.yaml";
        var text = result.Files[file];
        Assert.Contains("cidr: \"10.20.200.0/24\"", text, StringComparison.Ordinal);
        var files = result.Files.ToDictionary(f => f.Key, f => f.Key == file ? f.Value.Replace("cidr: \"10.20.200.0/24\"", "cidr: \"10.20.0.0/16\"", StringComparison.Ordinal) : f.Value);
        var connectivity = Synthesizer.AnalyzeRendered(files, result.Stack.Platform.Cloud.Dataplane, strict: true);
        return (connectivity, NodeReachChecks.Run(result.Stack, connectivity, result.Declared));
    }

    [Fact]
    public void The_declared_node_subnets_are_the_peer_nodes_and_the_stack_passes()
    {
        var result = Named.Value;

        Assert.True(result.Passed, string.Join("\n", result.Checks.Where(c => !c.Passed).SelectMany(c => c.Findings)));
        var check = Assert.Single(result.Checks, c => c.Id == CheckIds.NodeReach);
        Assert.Contains("the nodes 10.20.0.0/20, 10.20.16.0/20, 10.20.32.0/20", check.Findings[0], StringComparison.Ordinal);
        Assert.True(result.Connectivity.Connections.Any(c => c.Source is ExternalPeer { Label: EnforcementProfile.NodesName }),
            string.Join("\n", result.Connectivity.Connections.Select(c => $"{c.Source.Name} => {c.Destination.Name}")));
        Assert.Contains("| nodes 10.20.0.0/19, 10.20.32.0/20 |", result.Files["analysis/connectivity.md"], StringComparison.Ordinal);
        Assert.Contains(result.Stack.Assumptions, a => a.Subject == "nodes" && a.Statement.Contains("pods get their addresses in these node subnets", StringComparison.Ordinal));
    }

    [Fact]
    public void An_ipBlock_that_admits_the_vpc_into_a_tier_fails_under_eks_vpc_cni_and_names_the_rule()
    {
        var (connectivity, check) = AdmittingTheVpc(Named.Value);

        Assert.False(check.Passed);
        var finding = Assert.Single(check.Findings);
        Assert.StartsWith("voting-frontend/frontend[Deployment] admits node addresses 10.20.0.0/19, 10.20.32.0/20: TCP 80", finding, StringComparison.Ordinal);
        Assert.Contains("NetworkPolicy voting-frontend/", finding, StringComparison.Ordinal);
        Assert.Contains(connectivity.Connections, c => c.Source is ExternalPeer { Label: EnforcementProfile.NodesName } && c.Destination.Name == "voting-frontend/frontend[Deployment]");
        Assert.Equal("TCP 80", connectivity.FromExternal(IPAddress.Parse("10.20.1.9"), "voting-frontend/frontend[Deployment]").ToString());
    }

    [Fact]
    public void Without_declared_node_subnets_every_vpc_address_outside_the_alb_and_endpoint_subnets_counts()
    {
        var prod = TestApps.Synthesize(CloudStacks.Config("prod"));
        var passing = Assert.Single(prod.Checks, c => c.Id == CheckIds.NodeReach);
        Assert.True(passing.Passed);
        Assert.Contains("palisade:nodeCidrs is not set", passing.Findings[0], StringComparison.Ordinal);

        var (_, check) = AdmittingTheVpc(prod);

        Assert.False(check.Passed);
        Assert.Equal("voting-frontend/frontend[Deployment] admits node addresses 10.20.0.0/16 except 10.20.200.0/23, 10.20.202.0/24: TCP 80",
            check.Findings.Single().Split(" — ")[0]);
    }

    [Theory]
    [InlineData("dataplane-v2", true)]
    [InlineData("calico", false)]
    public void On_gke_an_ipBlock_over_the_nodes_admits_them_under_calico_only(string enforcement, bool passes)
    {
        var yaml = File.ReadAllText(CloudStacks.GkeFixture)
            .Replace("  palisade:gkeNetworkPolicy: dataplane-v2\n", $"  palisade:gkeNetworkPolicy: {enforcement}\n", StringComparison.Ordinal)
            .Replace("  palisade:policyEventLogs: true\n", string.Empty, StringComparison.Ordinal);
        Assert.Contains("  palisade:nodeCidrs:\n    - 10.132.0.0/20\n", yaml, StringComparison.Ordinal);
        var result = StackFixtures.Synthesize(yaml, "gke-nodes");
        const string file = "manifests/voting-frontend.yaml";
        var policy = """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: from-the-subnetwork
              namespace: voting-frontend
            spec:
              podSelector: {}
              policyTypes:
                - Ingress
              ingress:
                - from:
                    - ipBlock:
                        cidr: "10.128.0.0/9"

            """;
        var files = result.Files.ToDictionary(f => f.Key, f => f.Key == file ? f.Value + policy : f.Value);
        var connectivity = Synthesizer.AnalyzeRendered(files, result.Stack.Platform.Cloud.Dataplane);
        var check = NodeReachChecks.Run(result.Stack, connectivity, result.Declared);

        Assert.Equal(passes, check.Passed);
        Assert.Equal(!passes, connectivity.FromExternal(IPAddress.Parse("10.132.0.5"), "voting-frontend/frontend[Deployment]").IsAll);
        Assert.True(connectivity.FromExternal(IPAddress.Parse("10.200.0.5"), "voting-frontend/frontend[Deployment]").IsAll);
    }

    [Theory]
    [InlineData("    - 10.30.0.0/20\n    - 10.20.16.0/20\n    - 10.20.32.0/20\n", "is not a subnet inside the VPC 10.20.0.0/16")]
    [InlineData("    - 10.20.0.0/20\n    - 10.20.16.0/20\n", "2 CIDRs for 3 node subnets")]
    [InlineData("    - 10.20.0.0/20\n    - 10.20.8.0/24\n    - 10.20.32.0/20\n", "overlaps 10.20.0.0/20")]
    [InlineData("    - 10.20.0.0/20\n    - 10.20.16.0/20\n    - 10.20.200.0/24\n", "overlaps the node subnet 10.20.200.0/24")]
    public void Node_cidrs_that_cannot_be_the_node_subnets_are_refused(string items, string expected)
    {
        var error = Assert.Throws<InputError>(() => TestApps.Compose(CloudStacks.Parse(WithProd("  palisade:nodeCidrs:\n" + items))));

        Assert.Contains("palisade:", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
