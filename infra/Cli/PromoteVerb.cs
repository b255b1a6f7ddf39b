using System.CommandLine;
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
public static class PromoteVerb
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
        var command = new Command("promote", "Promote what one stack verified into another (dev -> prod).") { from, to, baseRevision, dryRun };
        command.SetAction(result => Run(context(), result.GetValue(from)!, result.GetValue(to)!, result.GetValue(baseRevision),
            result.GetValue(dryRun), (runner ?? (() => ProcessRunner.Instance))()));
        return command;
    }

    public static int Run(CommandContext context, string from, string to, string? baseRevision, bool dryRun, IProcessRunner runner) =>
        ErrorReporting.Guard(context, () =>
        {
            var project = ProjectDirectory.Find(context.WorkingDirectory);
            var source = Synthesizer.Synthesize(project.ReadStack(from));
            var targetConfig = project.ReadStack(to);
            var target = Synthesizer.Synthesize(targetConfig);

            var revision = baseRevision ?? targetConfig.String(ConfigSchema.PromotedRevision) ?? "HEAD";
            var targetBase = revision == NoBase
                ? DiffSide.Missing(to, $"{to} (nothing deployed)", $"no base: {to} is promoted for the first time")
                : new RevisionSynthesizer(runner, context.Error).Synthesize(project.Path, revision, to);
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
                context.Out.WriteLine($"Dry run: {StackConfigParser.FileName(to)} was not changed.");
                return ExitCodes.Success;
            }

            var values = new Dictionary<string, string>
            {
                [StackConfig.Qualified(ConfigSchema.PromoteFrom)] = from,
                [StackConfig.Qualified(ConfigSchema.PromotedDigest)] = plan.Digest,
            };
            if (CurrentRevision(runner, project.Path) is { } head)
            {
                values[StackConfig.Qualified(ConfigSchema.PromotedRevision)] = head;
            }

            var file = Path.Combine(project.Path, StackConfigParser.FileName(to));
            var staging = file + ".promote";
            File.WriteAllText(staging, StackFileEditor.Set(File.ReadAllText(file), values));
            File.Move(staging, file, overwrite: true);
            context.Out.WriteLine($"Promoted: recorded {plan.Digest} in {StackConfigParser.FileName(to)}. Deploy with: pulumi up -s {to}");
            return ExitCodes.Success;
        });

    private static string? CurrentRevision(IProcessRunner runner, string projectPath)
    {
        try
        {
            var result = runner.Run("git", ["rev-parse", "HEAD"], projectPath);
            return result.Succeeded ? result.StandardOutput.Trim() : null;
        }
        catch (ProcessStartException)
        {
            return null;
        }
    }
}
