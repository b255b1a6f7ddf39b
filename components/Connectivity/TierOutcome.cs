using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// What the cluster tiers say about one direction of one (subject, peer) pair: the connections the Admin tier
/// accepts, the connections it hands on to the NetworkPolicy tier (passed or not matched), and what the Baseline tier
/// and the default allow let through of those when no NetworkPolicy selects the subject. The connections the Admin tier
/// denies are in none of them.
/// </summary>
internal readonly record struct TierOutcome(ConnectionSet Accepted, ConnectionSet ToNetworkPolicies, ConnectionSet BaselineAllowed)
{
    /// <summary>No cluster rule applies: the NetworkPolicies decide, or, for a pod none selects, the default allow.</summary>
    public static TierOutcome Open { get; } = new(ConnectionSet.None, ConnectionSet.All, ConnectionSet.All);

    /// <param name="networkPolicies">What the NetworkPolicies selecting the subject allow; null when none selects it.</param>
    public ConnectionSet Decide(ConnectionSet? networkPolicies) =>
        Accepted.Union(ToNetworkPolicies.Intersect(networkPolicies ?? BaselineAllowed));

    /// <summary>
    /// Evaluates the rules that apply to the subject and match the peer, in evaluation order (Admin by priority, then
    /// Baseline). Each rule takes the connections no earlier rule of its tier decided: Accept and Deny end them, Pass
    /// sends them to the next tier.
    /// </summary>
    public static TierOutcome Evaluate(IEnumerable<CompiledClusterRule> matchingRules, Func<CompiledPorts, ConnectionSet> resolve)
    {
        var adminUndecided = ConnectionSet.All;
        var accepted = ConnectionSet.None;
        var passed = ConnectionSet.None;
        var baselineUndecided = ConnectionSet.All;
        var baselineAllowed = ConnectionSet.None;
        var any = false;
        foreach (var rule in matchingRules)
        {
            any = true;
            var admin = rule.Tier == PolicyTier.Admin;
            var undecided = admin ? adminUndecided : baselineUndecided;
            if (undecided.IsEmpty)
            {
                continue;
            }

            var matched = resolve(rule.Ports).Intersect(undecided);
            if (matched.IsEmpty)
            {
                continue;
            }

            if (admin)
            {
                adminUndecided = adminUndecided.Subtract(matched);
                if (rule.Action == PolicyAction.Accept)
                {
                    accepted = accepted.Union(matched);
                }
                else if (rule.Action == PolicyAction.Pass)
                {
                    passed = passed.Union(matched);
                }
            }
            else
            {
                baselineUndecided = baselineUndecided.Subtract(matched);
                if (rule.Action != PolicyAction.Deny)
                {
                    // Pass in the Baseline tier hands over to the default, which allows.
                    baselineAllowed = baselineAllowed.Union(matched);
                }
            }
        }

        return any ? new TierOutcome(accepted, adminUndecided.Union(passed), baselineAllowed.Union(baselineUndecided)) : Open;
    }
}
