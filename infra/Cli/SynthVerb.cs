using System.CommandLine;
using Palisade.Infra.Synthesis;

namespace Palisade.Infra.Cli;

/// <summary>
/// <c>synth &lt;stack&gt; [--out DIR] [--no-fail-on-check]</c>: writes the program, manifests and analysis inputs to a
/// folder that is new, empty or synth's own (see <see cref="OutputFolder"/>). Exit 1 when a check fails, after writing,
/// so the output can be inspected.
/// </summary>
internal static class SynthVerb
{
    public static Command Create(Func<CommandContext> context)
    {
        var stack = StackVerb.Argument();
        var output = new Option<string?>("--out") { Description = "Output folder: new, empty, or written by an earlier synth (default: out/<stack>)." };
        var noFail = new Option<bool>("--no-fail-on-check") { Description = "Exit 0 even when a check fails (the failures are still printed)." };
        var command = new Command("synth", "Write the stack's Pulumi YAML program and Kubernetes manifests to a folder.") { stack, output, noFail };
        command.SetAction(result => Run(context(), result.GetValue(stack)!, result.GetValue(output), !result.GetValue(noFail)));
        return command;
    }

    public static int Run(CommandContext context, string stack, string? output, bool failOnCheck = true) => ErrorReporting.Guard(context, () =>
    {
        var name = StackName.Parse(stack);
        var project = ProjectDirectory.Find(context.WorkingDirectory);
        var rules = new OutputRules(project.Path, Home(context));
        var target = OutputTarget.Resolve(output ?? Path.Join(project.Path, "out", name.Value), context.WorkingDirectory, rules.Project, rules.Home);
        return Write(context, Synthesizer.Synthesize(project.ReadStack(name.Value), context.Apps), target, rules, failOnCheck);
    });

    /// <summary>Writes a synthesized stack and reports it; the exit code says whether every check passed.</summary>
    public static int Write(CommandContext context, SynthesisResult result, string target, OutputRules rules, bool failOnCheck)
    {
        var written = OutputFolder.Write(target, result.Files, rules);
        foreach (var note in written.Notes)
        {
            context.Error.WriteLine($"note: {note}");
        }

        context.Out.WriteLine($"Wrote {result.Files.Count} files to {written.Target}");
        foreach (var path in result.Files.Keys)
        {
            context.Out.WriteLine($"  {path}");
        }

        var failed = result.Checks.Where(c => !c.Passed).ToList();
        if (failed.Count == 0)
        {
            context.Out.WriteLine($"All {result.Checks.Count} checks passed.");
            return ExitCodes.Success;
        }

        foreach (var check in failed)
        {
            context.Error.WriteLine($"{(failOnCheck ? "error" : "warning")}: check failed: {check.Label}: {string.Join("; ", check.Findings)}");
        }

        context.Out.WriteLine($"{failed.Count} of {result.Checks.Count} checks failed (see `plan {result.Stack.Stack}`); the output was written for inspection.");
        return failOnCheck ? ExitCodes.VerificationFailed : ExitCodes.Success;
    }

    private static string? Home(CommandContext context) =>
        context.Environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } profile ? profile : null;
}
