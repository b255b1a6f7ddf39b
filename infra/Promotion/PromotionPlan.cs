using Palisade.Infra.Diff;

namespace Palisade.Infra.Promotion;

/// <summary>
/// The outcome of planning a promotion: the digest to record, every reason to refuse (none means it may go ahead),
/// and what the target stack will change compared with its base.
/// </summary>
internal sealed record PromotionPlan(string From, string To, string Digest, IReadOnlyList<string> Refusals, StackDiff Changes)
{
    public bool Allowed => Refusals.Count == 0;
}
