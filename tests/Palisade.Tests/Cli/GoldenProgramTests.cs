using Palisade.Infra.Synthesis;
using Palisade.Stacks.Config;
using Palisade.Tests.Support;

namespace Palisade.Tests.Cli;

/// <summary>The synthesized program and manifests of each repository stack, against golden files.</summary>
public class GoldenProgramTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    [InlineData("platform")]
    [InlineData("tomoda-dev")]
    public void Synthesized_files_match_the_golden_files(string stack)
    {
        var result = TestApps.Synthesize(new ProjectDirectory(RepoPaths.Root).ReadStack(stack));

        foreach (var (path, text) in result.Files)
        {
            Golden.AssertMatches($"{stack}/{path}", text);
        }

        Assert.Empty(Golden.Stale(stack, result.Files.Keys));
    }

    /// <summary>The GKE fixture stack (tests/Palisade.Tests/Fixtures/stacks/Pulumi.gke.yaml) proves the GCP path.</summary>
    [Fact]
    public void The_gke_fixture_stack_matches_its_golden_files()
    {
        var path = Path.Combine(RepoPaths.TestProject, "Fixtures", "stacks", "Pulumi.gke.yaml");
        var result = TestApps.Synthesize(StackConfigParser.ParseFile("gke", "Pulumi.gke.yaml", File.ReadAllText(path)));

        Assert.True(result.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {string.Join(" / ", c.Findings)}")));
        foreach (var (file, text) in result.Files)
        {
            Golden.AssertMatches($"gke/{file}", text);
        }

        Assert.Empty(Golden.Stale("gke", result.Files.Keys));
    }

    /// <summary>
    /// The EKS fixture stack (tests/Palisade.Tests/Fixtures/stacks/Pulumi.eks-pod-identity.yaml): prod's shape with EKS Pod
    /// Identity and VPC interface endpoints, so both stay proven next to the IRSA default.
    /// </summary>
    [Fact]
    public void The_eks_pod_identity_fixture_stack_matches_its_golden_files()
    {
        var path = Path.Combine(RepoPaths.TestProject, "Fixtures", "stacks", "Pulumi.eks-pod-identity.yaml");
        var result = TestApps.Synthesize(StackConfigParser.ParseFile("eks-pod-identity", "Pulumi.eks-pod-identity.yaml", File.ReadAllText(path)));

        Assert.True(result.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {string.Join(" / ", c.Findings)}")));
        foreach (var (file, text) in result.Files)
        {
            Golden.AssertMatches($"eks-pod-identity/{file}", text);
        }

        Assert.Empty(Golden.Stale("eks-pod-identity", result.Files.Keys));
    }
}
