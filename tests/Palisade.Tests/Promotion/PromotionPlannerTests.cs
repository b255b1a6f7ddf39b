using Palisade.Infra.Checks;
using Palisade.Infra.Diff;
using Palisade.Infra.Promotion;
using static Palisade.Tests.Promotion.PromotionFixtures;

namespace Palisade.Tests.Promotion;

public class PromotionPlannerTests
{
    private static readonly Lazy<Palisade.Infra.Synthesis.SynthesisResult> DevResult = new(() => Synthesize(Dev, "dev"));
    private static readonly Lazy<Palisade.Infra.Synthesis.SynthesisResult> ProdResult = new(() => Synthesize(Prod, "prod"));

    private static DiffSide Side(Palisade.Infra.Synthesis.SynthesisResult result) => new(result.Stack.Stack, "base", result.Files);

    [Fact]
    public void Identical_apps_and_nothing_lost_may_be_promoted()
    {
        var plan = PromotionPlanner.Plan(DevResult.Value, ProdResult.Value, Side(ProdResult.Value));

        Assert.True(plan.Allowed, string.Join("\n", plan.Refusals));
        Assert.False(plan.Changes.HasChanges);
        Assert.StartsWith("sha256:", plan.Digest);
    }

    [Fact]
    public void A_source_that_does_not_verify_is_refused()
    {
        var failing = DevResult.Value with { Checks = [.. DevResult.Value.Checks, new CheckResult(CheckId.Of("broken-check"), "Broken check", false, ["something"])] };

        var plan = PromotionPlanner.Plan(failing, ProdResult.Value, Side(ProdResult.Value));

        Assert.Contains(plan.Refusals, r => r.StartsWith("dev does not verify: broken-check: Broken check", StringComparison.Ordinal));
    }

    [Fact]
    public void Different_versions_are_refused_with_the_path_that_differs()
    {
        var prod = Synthesize(Prod.Replace("\"1.33\"", "\"1.34\""), "prod");

        var plan = PromotionPlanner.Plan(DevResult.Value, prod, Side(prod));

        Assert.Contains(plan.Refusals, r => r.Contains("$.versions.kubernetes"));
    }

    [Fact]
    public void Removing_protection_from_a_protected_resource_is_refused()
    {
        var unprotected = Synthesize(Prod.Replace("palisade:deletionProtection: true", "palisade:deletionProtection: false"), "prod");

        var plan = PromotionPlanner.Plan(DevResult.Value, unprotected, Side(ProdResult.Value));

        Assert.Contains(plan.Refusals, r => r.Contains("would lose protected resource govtech-ns") && r.Contains("lose its protection"));
    }

    [Fact]
    public void Deleting_a_protected_resource_is_refused()
    {
        var dev = Synthesize(Dev.Replace("[voting, govtech]", "[voting]"), "dev");
        var prod = Synthesize(Prod.Replace("[voting, govtech]", "[voting]"), "prod");

        var plan = PromotionPlanner.Plan(dev, prod, Side(ProdResult.Value));

        Assert.Contains(plan.Refusals, r => r.Contains("would lose protected resource govtech-ns") && r.Contains("be deleted"));
    }

    [Fact]
    public void Opening_a_connection_the_source_does_not_allow_is_refused()
    {
        var dev = Synthesize(Dev.Replace("[voting, govtech]", "[voting]"), "dev");

        var plan = PromotionPlanner.Plan(dev, ProdResult.Value, Side(ProdResult.Value));

        Assert.Contains(plan.Refusals, r => r.Contains("prod would open govtech/frontend[Deployment] => govtech/backend[Deployment]: TCP 3000, which dev does not allow"));
    }
}
