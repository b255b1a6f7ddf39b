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
        var result = Synthesizer.Synthesize(new ProjectDirectory(RepoPaths.Root).ReadStack(stack));

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
        var result = Synthesizer.Synthesize(StackConfigParser.ParseFile("gke", "Pulumi.gke.yaml", File.ReadAllText(path)));

        Assert.True(result.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed).Select(c => c.Name)));
        foreach (var (file, text) in result.Files)
        {
            Golden.AssertMatches($"gke/{file}", text);
        }

        Assert.Empty(Golden.Stale("gke", result.Files.Keys));
    }
}
