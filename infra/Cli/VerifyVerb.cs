using System.CommandLine;
using Palisade.Infra.Synthesis;

namespace Palisade.Infra.Cli;

/// <summary>
/// <c>verify &lt;stack&gt;</c>: synthesize, analyse the rendered manifests, and fail (exit 1) on any blocked declared
/// flow, undeclared open connection, unreachable DNS, path to the metadata address, or failed structural check.
/// </summary>
internal static class VerifyVerb
{
    public static Command Create(Func<CommandContext> context)
    {
        var stack = StackVerb.Argument();
        var allowUnpromoted = StackVerb.AllowUnpromotedOption();
        var command = new Command("verify", "Exit non-zero unless the stack's policies allow exactly the declared connectivity.") { stack, allowUnpromoted };
        command.SetAction(result => Run(context(), result.GetValue(stack)!, result.GetValue(allowUnpromoted)));
        return command;
    }

    public static int Run(CommandContext context, string stack, bool allowUnpromoted = false) => ErrorReporting.Guard(context, () =>
    {
        var result = StackVerb.SynthesizeGated(context, stack, allowUnpromoted);
        foreach (var check in result.Checks)
        {
            context.Out.WriteLine($"{(check.Passed ? "PASS" : "FAIL")} {check.Label}");
            foreach (var finding in check.Findings)
            {
                context.Out.WriteLine($"     {finding}");
            }
        }

        var failed = result.Checks.Count(c => !c.Passed);
        context.Out.WriteLine(failed == 0
            ? $"verified: stack {stack} allows exactly its declared connectivity ({result.Checks.Count} checks)"
            : $"verification failed: {failed} of {result.Checks.Count} checks");
        return failed == 0 ? ExitCodes.Success : ExitCodes.VerificationFailed;
    });
}
