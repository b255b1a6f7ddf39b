using System.CommandLine;
using Palisade.Components.Diagnostics;
using Palisade.Infra.Process;
using Palisade.Infra.Promotion;

namespace Palisade.Infra.Cli;

/// <summary>
/// <c>preview &lt;stack&gt;</c> and <c>up &lt;stack&gt;</c>: verify offline first (checks and the promotion gate), then hand over
/// to the <c>pulumi</c> CLI, which runs the compiler entry in Pulumi.yaml.
/// </summary>
internal static class PulumiVerbs
{
    public static IEnumerable<Command> Create(Func<CommandContext> context, Func<IProcessRunner>? runner = null)
    {
        yield return Create("preview", "Verify, then run `pulumi preview --diff` for the stack.", ["preview", "--diff"], context, runner);
        yield return Create("up", "Verify, then run `pulumi up --yes` for the stack.", ["up", "--yes"], context, runner);
    }

    private static Command Create(string name, string description, string[] pulumiArguments, Func<CommandContext> context, Func<IProcessRunner>? runner)
    {
        var stack = StackVerb.Argument();
        var allowUnpromoted = StackVerb.AllowUnpromotedOption();
        var command = new Command(name, description) { stack, allowUnpromoted };
        command.SetAction(result => Run(context(), result.GetValue(stack)!, result.GetValue(allowUnpromoted), pulumiArguments,
            (runner ?? (() => ProcessRunner.Instance))()));
        return command;
    }

    public static int Run(CommandContext context, string stack, bool allowUnpromoted, IReadOnlyList<string> pulumiArguments, IProcessRunner runner) =>
        ErrorReporting.Guard(context, () =>
        {
            var result = StackVerb.SynthesizeGated(context, stack, allowUnpromoted);
            var failed = result.Checks.Where(c => !c.Passed).ToList();
            if (failed.Count > 0)
            {
                foreach (var check in failed)
                {
                    context.Error.WriteLine($"error: {check.Label}: {string.Join(" ", check.Findings)}");
                }

                context.Error.WriteLine($"error: refusing to run pulumi {pulumiArguments[0]} for stack {stack}; nothing was deployed.");
                return ExitCodes.VerificationFailed;
            }

            ProcessResult pulumi;
            try
            {
                pulumi = runner.Run("pulumi", [.. pulumiArguments, "--stack", stack], ProjectDirectoryPath(context),
                    allowUnpromoted ? new Dictionary<string, string?> { [PromotionGate.OverrideVariable] = "1" } : null);
            }
            catch (ProcessStartException)
            {
                throw new InputError("pulumi", "the pulumi CLI is not installed or not on PATH",
                    "Install it (https://www.pulumi.com/docs/install/); `plan`, `verify` and `synth` work without it.");
            }

            context.Out.Write(pulumi.StandardOutput);
            context.Error.Write(pulumi.StandardError);
            return pulumi.ExitCode == 0 ? ExitCodes.Success : ExitCodes.VerificationFailed;
        });

    private static string ProjectDirectoryPath(CommandContext context) =>
        Synthesis.ProjectDirectory.Find(context.WorkingDirectory).Path;
}
