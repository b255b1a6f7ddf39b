using System.CommandLine;
using Palisade.Infra.Reports;
using Palisade.Infra.Synthesis;

namespace Palisade.Infra.Cli;

/// <summary><c>plan &lt;stack&gt;</c>: synthesize and verify offline, then print the review (tree, policies, checks).</summary>
public static class PlanVerb
{
    public static Command Create(Func<CommandContext> context)
    {
        var stack = StackVerb.Argument();
        var command = new Command("plan", "Synthesize and verify a stack offline, and print the resource tree, policies and checks.") { stack };
        command.SetAction(result => Run(context(), result.GetValue(stack)!));
        return command;
    }

    public static int Run(CommandContext context, string stack) => ErrorReporting.Guard(context, () =>
    {
        var result = StackVerb.Synthesize(context, stack);
        PlanReport.Write(result, context.Out);
        return result.Passed ? ExitCodes.Success : ExitCodes.VerificationFailed;
    });
}
