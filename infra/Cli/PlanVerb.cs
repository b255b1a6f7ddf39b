using System.CommandLine;
using Palisade.Infra.Reports;
using Palisade.Infra.Synthesis;

namespace Palisade.Infra.Cli;

/// <summary><c>plan &lt;stack&gt;</c>: synthesize and verify offline, then print the review (tree, policies, checks).</summary>
internal static class PlanVerb
{
    public static Command Create(Func<CommandContext> context)
    {
        var stack = StackVerb.Argument();
        var allowUnpromoted = StackVerb.AllowUnpromotedOption();
        var command = new Command("plan", "Synthesize and verify a stack offline, and print the resource tree, policies and checks.") { stack, allowUnpromoted };
        command.SetAction(result => Run(context(), result.GetValue(stack)!, result.GetValue(allowUnpromoted)));
        return command;
    }

    public static int Run(CommandContext context, string stack, bool allowUnpromoted = false) => ErrorReporting.Guard(context, () =>
    {
        var result = StackVerb.SynthesizeGated(context, stack, allowUnpromoted);
        if (result.Stack.Platform.Ingress?.Warning is { } warning)
        {
            context.Error.WriteLine($"warning: {warning}.");
        }

        PlanReport.Write(result, context.Out);
        return result.Passed ? ExitCodes.Success : ExitCodes.VerificationFailed;
    });
}
