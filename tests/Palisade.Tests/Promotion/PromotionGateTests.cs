using Moq;
using Palisade.Infra.Cli;
using Palisade.Infra.Process;
using Palisade.Infra.Promotion;
using Palisade.Tests.Support;
using static Palisade.Tests.Promotion.PromotionFixtures;

namespace Palisade.Tests.Promotion;

/// <summary>prod deploys only what dev verified: verify, compile (what `pulumi up` runs) and the up verb all refuse otherwise.</summary>
public class PromotionGateTests
{
    private static TestProject Project() => new TestProject().WriteStack("dev", Dev).WriteStack("prod", Prod);

    [Fact]
    public void A_stack_that_is_not_promoted_from_another_is_not_gated()
    {
        Assert.Null(PromotionGate.Check(Synthesize(Dev, "dev"), allowUnpromoted: false));
    }

    [Fact]
    public void A_never_promoted_stack_fails_verify_with_exit_1_unless_overridden()
    {
        using var project = Project();

        Assert.Equal(1, project.Run("verify", "prod"));
        Assert.Contains("stack prod has never been promoted from dev", project.Out.ToString());
        Assert.Equal(0, project.Run("verify", "prod", "--allow-unpromoted"));
        Assert.Contains("OVERRIDDEN", project.Out.ToString());
    }

    [Fact]
    public void Promote_records_the_digest_and_prod_then_verifies()
    {
        using var project = Project();

        Assert.Equal(0, project.Run("promote", "dev", "prod", "--base", "none"));

        var file = File.ReadAllText(Path.Combine(project.Path, "Pulumi.prod.yaml"));
        Assert.Contains("palisade:promotedDigest: sha256:", file);
        Assert.Contains("palisade:certificateArn: arn:aws:acm", file);
        Assert.Equal(0, project.Run("verify", "prod"));
    }

    [Fact]
    public void A_change_after_promotion_makes_verify_refuse_until_promoted_again()
    {
        using var project = Project();
        Assert.Equal(0, project.Run("promote", "dev", "prod", "--base", "none"));
        var promoted = File.ReadAllText(Path.Combine(project.Path, "Pulumi.prod.yaml"));
        project.WriteStack("prod", promoted.Replace("[voting, govtech]", "[voting]"));

        Assert.Equal(1, project.Run("verify", "prod"));
        Assert.Contains("no longer matches what was promoted from dev", project.Out.ToString());
    }

    [Fact]
    public void A_refused_promotion_writes_nothing()
    {
        using var project = new TestProject().WriteStack("dev", Dev.Replace("[voting, govtech]", "[voting]")).WriteStack("prod", Prod);
        var before = File.ReadAllText(Path.Combine(project.Path, "Pulumi.prod.yaml"));

        Assert.Equal(1, project.Run("promote", "dev", "prod", "--base", "none"));

        Assert.Contains("**Refused.**", project.Out.ToString());
        Assert.Equal(before, File.ReadAllText(Path.Combine(project.Path, "Pulumi.prod.yaml")));
    }

    [Fact]
    public void The_compiler_entry_refuses_an_unpromoted_stack_unless_the_override_variable_is_set()
    {
        using var project = Project();
        var environment = new Dictionary<string, string> { ["PULUMI_STACK"] = "prod" };

        Assert.Equal(1, CompileVerb.Run(project.Context(environment)));
        Assert.Equal(string.Empty, project.Out.ToString());
        Assert.Contains("never been promoted", project.Error.ToString());

        environment[PromotionGate.OverrideVariable] = "1";
        Assert.Equal(0, CompileVerb.Run(project.Context(environment)));
        Assert.StartsWith("name: palisade", project.Out.ToString());
    }

    [Fact]
    public void Up_refuses_before_calling_pulumi_when_the_gate_is_closed()
    {
        using var project = Project();
        var runner = new Mock<IProcessRunner>(MockBehavior.Strict);

        Assert.Equal(1, PulumiVerbs.Run(project.Context(), "prod", false, ["up", "--yes"], runner.Object));

        runner.VerifyNoOtherCalls();
        Assert.Contains("refusing to run pulumi up for stack prod", project.Error.ToString());
    }

    [Fact]
    public void Up_runs_pulumi_for_the_stack_and_passes_the_override_on()
    {
        using var project = Project();
        var runner = new Mock<IProcessRunner>();
        runner.Setup(r => r.Run("pulumi", It.IsAny<IReadOnlyList<string>>(), It.IsAny<string>(), It.IsAny<IReadOnlyDictionary<string, string?>?>()))
            .Returns(new ProcessResult(0, "Resources: 66 created\n", string.Empty));

        Assert.Equal(0, PulumiVerbs.Run(project.Context(), "prod", true, ["up", "--yes"], runner.Object));

        runner.Verify(r => r.Run("pulumi", new[] { "up", "--yes", "--stack", "prod" }, project.Path,
            It.Is<IReadOnlyDictionary<string, string?>?>(e => e != null && e[PromotionGate.OverrideVariable] == "1")));
        Assert.Contains("Resources: 66 created", project.Out.ToString());
    }

    [Fact]
    public void A_missing_pulumi_cli_is_a_clear_error()
    {
        using var project = Project();
        var runner = new Mock<IProcessRunner>();
        runner.Setup(r => r.Run("pulumi", It.IsAny<IReadOnlyList<string>>(), It.IsAny<string>(), It.IsAny<IReadOnlyDictionary<string, string?>?>()))
            .Throws(new ProcessStartException("pulumi", new System.ComponentModel.Win32Exception("No such file or directory")));

        Assert.Equal(2, PulumiVerbs.Run(project.Context(), "dev", false, ["preview", "--diff"], runner.Object));
        Assert.Contains("pulumi CLI is not installed", project.Error.ToString());
    }
}
