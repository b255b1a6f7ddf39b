using System.CommandLine;
using Palisade.Components.Diagnostics;
using Palisade.Infra.Diff;
using Palisade.Infra.Process;
using Palisade.Infra.Promotion;
using Palisade.Infra.Synthesis;
using Palisade.Stacks.Config;

namespace Palisade.Infra.Cli;

/// <summary>
/// <c>promote &lt;from&gt; &lt;to&gt;</c>: verify the source, refuse if the target would lose a protected resource or
/// open a connection the source does not allow, show what the target will change, and record the digest of the
/// source's environment-independent part (and the git revision) in the target's stack file.
/// </summary>
internal static class PromoteVerb
{
    public const string NoBase = "none";

    public static Command Create(Func<CommandContext> context, Func<IProcessRunner>? runner = null)
    {
        var from = new Argument<string>("from") { Description = "The stack that verified the change (e.g. dev)." };
        var to = new Argument<string>("to") { Description = "The stack to promote into (e.g. prod)." };
        var baseRevision = new Option<string?>("--base")
        {
            Description = "Git revision the target runs now (default: its palisade:promotedRevision, else HEAD; 'none' for a first promotion).",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Plan and print, but do not record the promotion." };
        var allowDirty = new Option<bool>("--allow-dirty")
        {
            Description = "Promote although files that affect synthesis have uncommitted changes; recorded as palisade:promotedRevision: <commit>+dirty.",
        };
        var command = new Command("promote", "Promote what one stack verified into another (dev -> prod).") { from, to, baseRevision, dryRun, allowDirty };
        command.SetAction(result => Run(context(), result.GetValue(from)!, result.GetValue(to)!, result.GetValue(baseRevision),
            result.GetValue(dryRun), (runner ?? (() => ProcessRunner.Instance))(), result.GetValue(allowDirty)));
        return command;
    }

    public static int Run(CommandContext context, string from, string to, string? baseRevision, bool dryRun, IProcessRunner runner, bool allowDirty = false) =>
        ErrorReporting.Guard(context, () =>
        {
            var project = ProjectDirectory.Find(context.WorkingDirectory);
            PromotionRoute.Check(project, from, to);
            var source = Synthesizer.Synthesize(project.ReadStack(from), context.Apps);
            var targetConfig = project.ReadStack(to);
            var target = Synthesizer.Synthesize(targetConfig, context.Apps);
            var fileName = StackConfigParser.FileName(to);

            var tree = WorkingTree.Read(runner, project.Path, fileName);
            if (tree is { IsDirty: true } && !allowDirty && !dryRun)
            {
                throw new InputError("promote", $"files that affect synthesis have uncommitted changes, so palisade:promotedRevision could not name what was verified: {Listed(tree.DirtyPaths)}",
                    $"Commit them (or stash them) and run promote again, or pass --allow-dirty to record {tree.Revision}.");
            }

            var recorded = targetConfig.String(ConfigSchema.PromotedRevision);
            var revision = baseRevision ?? (recorded is null ? null : WorkingTree.Commit(recorded)) ?? "HEAD";
            var targetBase = revision == NoBase
                ? DiffSide.Missing(to, $"{to} (nothing deployed)", $"no base: {to} is promoted for the first time")
                : new RevisionSynthesizer(runner, context.Error, BaseCache.ForUser(context.Environment)).Synthesize(project.Path, revision, to);
            var plan = PromotionPlanner.Plan(source, target, targetBase);

            context.Out.WriteLine($"## Promote {from} -> {to}");
            context.Out.WriteLine();
            context.Out.WriteLine($"Environment-independent part of {from}: `{plan.Digest}`; {to} compared with its base at `{revision}`.");
            context.Out.WriteLine();
            if (!plan.Allowed)
            {
                context.Out.WriteLine($"**Refused.** {to} was not changed:");
                foreach (var refusal in plan.Refusals)
                {
                    context.Out.WriteLine($"- {refusal}");
                }

                return ExitCodes.VerificationFailed;
            }

            context.Out.WriteLine(DiffMarkdownRenderer.Render(plan.Changes));
            if (dryRun)
            {
                context.Out.WriteLine($"Dry run: {fileName} was not changed.");
                return ExitCodes.Success;
            }

            // Without git there is no revision to record, and an old one would name something that was not verified.
            var values = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [StackConfig.Qualified(ConfigSchema.PromoteFrom)] = from,
                [StackConfig.Qualified(ConfigSchema.PromotedDigest)] = plan.Digest,
                [StackConfig.Qualified(ConfigSchema.PromotedRevision)] = tree?.Revision,
            };

            var file = Path.Combine(project.Path, fileName);
            var (text, bom) = AtomicFile.ReadText(file, fileName);
            var edited = StackFileEditor.Edit(text, values, fileName);
            if (edited == text)
            {
                context.Out.WriteLine($"Already promoted: {fileName} already records {plan.Digest}{(tree is null ? string.Empty : $" at {tree.Revision}")}; nothing was written.");
                return ExitCodes.Success;
            }

            Revalidate(to, fileName, edited, plan.Digest);
            if (tree is { IsDirty: true })
            {
                context.Error.WriteLine($"warning: promote: recording {tree.Revision}: uncommitted changes in {Listed(tree.DirtyPaths)} (--allow-dirty).");
            }

            AtomicFile.WriteText(file, edited, bom, fileName);
            context.Out.WriteLine($"Promoted: recorded {plan.Digest} in {fileName}. Deploy with: pulumi up -s {to}");
            return ExitCodes.Success;
        });

    /// <summary>The edited file must still be a valid stack file that records the digest; otherwise nothing is written.</summary>
    private static void Revalidate(string stack, string fileName, string edited, string digest)
    {
        StackConfig parsed;
        try
        {
            parsed = StackConfigParser.ParseFile(stack, fileName, edited);
        }
        catch (InputError e)
        {
            throw new InputError(fileName, $"the promoted stack file would not be valid ({e.Problem})", "Nothing was written; please report this and set the keys by hand.");
        }

        if (parsed.String(ConfigSchema.PromotedDigest) != digest)
        {
            throw new InputError(fileName, "the promoted stack file would not record the digest", "Nothing was written; please report this and set the keys by hand.");
        }
    }

    private static string Listed(IReadOnlyList<string> paths) =>
        string.Join(", ", paths.Take(10)) + (paths.Count > 10 ? $" and {paths.Count - 10} more" : string.Empty);
}
