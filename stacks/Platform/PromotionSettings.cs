using System.Text.RegularExpressions;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>The stack this one is promoted from, and what `promote` last recorded (both null before the first promotion).</summary>
internal sealed partial record PromotionSettings(string From, string? Digest, string? Revision)
{
    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex("^[0-9a-f]{40}([0-9a-f]{24})?$")]
    private static partial Regex RevisionPattern();

    public static PromotionSettings? Read(SettingsReader reader)
    {
        var from = reader.String(ConfigSchema.PromoteFrom);
        var digest = reader.String(ConfigSchema.PromotedDigest);
        var revision = reader.String(ConfigSchema.PromotedRevision);
        if (from is null)
        {
            foreach (var key in new[] { ConfigSchema.PromotedDigest, ConfigSchema.PromotedRevision }.Where(reader.Config.Has))
            {
                throw reader.Error(key, "the stack records a promotion but has no palisade:promoteFrom",
                    "Add palisade:promoteFrom: <source stack>, or remove the promotion record.");
            }

            return null;
        }

        if (!StackNames.IsValid(from))
        {
            throw reader.Error(ConfigSchema.PromoteFrom, $"'{SettingsReader.Excerpt(from)}' is not a stack name",
                "Name the source stack as its file is named: Pulumi.<stack>.yaml.");
        }

        if (from == reader.Stack)
        {
            throw reader.Error(ConfigSchema.PromoteFrom, "the stack names itself as its source",
                "Promote from another stack (e.g. palisade:promoteFrom: dev in Pulumi.prod.yaml).");
        }

        if (digest is not null && !DigestPattern().IsMatch(digest))
        {
            throw reader.Error(ConfigSchema.PromotedDigest, $"'{SettingsReader.Excerpt(digest)}' is not a digest `promote` writes",
                $"Run `promote {from} {reader.Stack}` to record it; do not edit it by hand.");
        }

        if (revision is not null && !RevisionPattern().IsMatch(revision.Split('+')[0]))
        {
            throw reader.Error(ConfigSchema.PromotedRevision, $"'{SettingsReader.Excerpt(revision)}' is not a git revision `promote` writes",
                $"Run `promote {from} {reader.Stack}` to record it; do not edit it by hand.");
        }

        return new PromotionSettings(from, digest, revision);
    }
}
