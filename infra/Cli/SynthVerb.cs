using System.CommandLine;
using Palisade.Infra.Synthesis;

namespace Palisade.Infra.Cli;

/// <summary><c>synth &lt;stack&gt; [--out DIR]</c>: writes the program, manifests and analysis inputs to a folder.</summary>
public static class SynthVerb
{
    public static Command Create(Func<CommandContext> context)
    {
        var stack = StackVerb.Argument();
        var output = new Option<string?>("--out") { Description = "Output folder (default: out/<stack>)." };
        var command = new Command("synth", "Write the stack's Pulumi YAML program and Kubernetes manifests to a folder.") { stack, output };
        command.SetAction(result => Run(context(), result.GetValue(stack)!, result.GetValue(output)));
        return command;
    }

    public static int Run(CommandContext context, string stack, string? output) => ErrorReporting.Guard(context, () =>
    {
        var project = ProjectDirectory.Find(context.WorkingDirectory);
        var result = Synthesizer.Synthesize(project.ReadStack(stack));
        var target = Path.GetFullPath(output ?? Path.Combine(project.Path, "out", stack), context.WorkingDirectory);
        OutputFolder.Write(target, result.Files);
        context.Out.WriteLine($"Wrote {result.Files.Count} files to {target}");
        foreach (var path in result.Files.Keys)
        {
            context.Out.WriteLine($"  {path}");
        }

        var failed = result.Checks.Count(c => !c.Passed);
        context.Out.WriteLine(failed == 0 ? $"All {result.Checks.Count} checks passed." : $"{failed} of {result.Checks.Count} checks failed (see `plan {stack}`).");
        return ExitCodes.Success;
    });
}
