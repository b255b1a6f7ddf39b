using Palisade.Infra.Checks;
using Palisade.Infra.Synthesis;
using Palisade.Stacks.Config;

namespace Palisade.Infra.Promotion;

/// <summary>
/// Whether a stack that is promoted from another may be deployed: its environment-independent part must still be
/// exactly what was promoted. Stacks without <c>palisade:promoteFrom</c> are not gated.
/// </summary>
internal static class PromotionGate
{
    public const string CheckName = "Promotion: the environment-independent part is what was promoted";
    public const string OverrideVariable = "PALISADE_ALLOW_UNPROMOTED";

    /// <summary>The gate as a check, or null for a stack that is not promoted from another.</summary>
    public static CheckResult? Check(SynthesisResult result, bool allowUnpromoted)
    {
        var config = result.Stack.Config;
        if (config.String(ConfigSchema.PromoteFrom) is not { } source)
        {
            return null;
        }

        var actual = EnvironmentIndependentPart.Digest(EnvironmentIndependentPart.Build(result));
        var recorded = config.String(ConfigSchema.PromotedDigest);
        if (recorded == actual)
        {
            return CheckResult.Pass(CheckIds.PromotionGate, CheckName, $"matches what was promoted from {source} ({actual})");
        }

        var problem = recorded is null
            ? $"stack {config.Stack} has never been promoted from {source}"
            : $"stack {config.Stack}'s environment-independent part ({actual}) no longer matches what was promoted from {source} ({recorded})";
        var fix = $"run `promote {source} {config.Stack}` once {source} verifies, or override with --allow-unpromoted ({OverrideVariable}=1 for pulumi)";
        return allowUnpromoted
            ? CheckResult.Pass(CheckIds.PromotionGate, CheckName, $"OVERRIDDEN: {problem}")
            : new CheckResult(CheckIds.PromotionGate, CheckName, false, [problem, fix]);
    }
}
