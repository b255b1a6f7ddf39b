using Palisade.Infra.Synthesis;
using Palisade.Tests.Support;

namespace Palisade.Tests.Cli;

/// <summary>The synthesized program and manifests of each repository stack, against golden files.</summary>
public class GoldenProgramTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Synthesized_files_match_the_golden_files(string stack)
    {
        var result = Synthesizer.Synthesize(new ProjectDirectory(RepoPaths.Root).ReadStack(stack));

        foreach (var (path, text) in result.Files)
        {
            Golden.AssertMatches($"{stack}/{path}", text);
        }

        Assert.Empty(Golden.Stale(stack, result.Files.Keys));
    }
}
