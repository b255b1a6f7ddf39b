using Palisade.Tests.Support;

namespace Palisade.Tests.Reliability;

/// <summary>palisade:promoteFrom must name an existing stack, and following it must never come back.</summary>
public class PromotionChainTests
{
    private const string Stack = "config:\n  palisade:apps: [voting]\n  palisade:kubeContext: c\n";

    [Fact]
    public void A_source_stack_that_does_not_exist_is_exit_2_naming_the_key()
    {
        using var project = TestProject.WithRepoStacks();
        project.WriteStack("qa", Stack + "  palisade:promoteFrom: staging\n");

        Assert.Equal(2, project.Run("plan", "qa"));

        Assert.Contains("error: Pulumi.qa.yaml: palisade:promoteFrom: names stack 'staging', but there is no Pulumi.staging.yaml", project.Error.ToString());
        Assert.Equal("", project.Out.ToString());
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("plan")]
    [InlineData("synth")]
    public void A_cycle_is_exit_2_naming_the_chain(string verb)
    {
        using var project = TestProject.WithRepoStacks();
        project.WriteStack("a", Stack + "  palisade:promoteFrom: b\n");
        project.WriteStack("b", Stack + "  palisade:promoteFrom: c\n");
        project.WriteStack("c", Stack + "  palisade:promoteFrom: a\n");

        Assert.Equal(2, project.Run(verb, "a"));

        Assert.Contains("the promotion chain is a cycle: a is promoted from b is promoted from c is promoted from a", project.Error.ToString());
        Assert.False(Directory.Exists(Path.Combine(project.Path, "out", "a")));
    }

    [Fact]
    public void A_chain_of_existing_stacks_is_fine()
    {
        using var project = TestProject.WithRepoStacks();
        project.WriteStack("staging", Stack + "  palisade:promoteFrom: dev\n");

        Assert.Equal(0, project.Run("synth", "staging", "--no-fail-on-check"));
    }
}
