using Palisade.Components.Diagnostics;
using Palisade.Infra.Synthesis;
using Palisade.Stacks.Config;

namespace Palisade.Infra.Promotion;

/// <summary>
/// Which promotions make sense at all: a stack is never promoted into itself, and never into a stack it is itself
/// (directly or through a chain of <c>palisade:promoteFrom</c>) promoted from — dev -> prod while dev is promoted
/// from prod would leave each gated on the other.
/// </summary>
internal static class PromotionRoute
{
    /// <exception cref="InputError">The route is a self-promotion or closes a cycle.</exception>
    public static void Check(ProjectDirectory project, string from, string to)
    {
        if (from == to)
        {
            throw new InputError("promote", $"cannot promote stack '{from}' into itself",
                "Name the stack that verified the change and the one to promote into, e.g. `promote dev prod`.");
        }

        var chain = new List<string> { from };
        var stacks = project.Stacks().ToHashSet(StringComparer.Ordinal);
        var current = from;
        while (stacks.Contains(current) && project.ReadStackFile(current).String(ConfigSchema.PromoteFrom) is { } upstream)
        {
            chain.Add(upstream);
            if (upstream == to)
            {
                throw new InputError("promote", $"promoting {from} into {to} would make a cycle: {string.Join(" is promoted from ", chain)}",
                    $"Promote in the direction of the chain (e.g. `promote {to} {from}`), or remove palisade:promoteFrom from {StackConfigParser.FileName(chain[^2])}.");
            }

            if (chain.Count > stacks.Count + 1 || chain.IndexOf(upstream) < chain.Count - 1)
            {
                break; // a cycle that does not involve the target: the stack files' own validation reports it
            }

            current = upstream;
        }
    }
}
