using System.CommandLine;
using Palisade.Stacks.Composition;
using Palisade.Components.Diagnostics;
using Palisade.Infra.Diff;
using Palisade.Infra.Process;
using Palisade.Infra.Synthesis;

namespace Palisade.Infra.Cli;

/// <summary>
/// <c>diff --base &lt;rev&gt; &lt;stack&gt;</c> and <c>diff &lt;stackA&gt; &lt;stackB&gt;</c>: what changes in resources,
/// connectivity and checks, as Markdown (for a pull-request comment) or JSON. Exit 0 whenever a diff is printed.
/// </summary>
internal static class DiffVerb
{
    public const string Markdown = "md";
    public const string Json = "json";

    public static Command Create(Func<CommandContext> context, Func<IProcessRunner>? runner = null)
    {
        var stacks = new Argument<string[]>("stacks")
        {
            Description = "With --base: the stack to compare with itself at that revision. Without: two stacks, base then head.",
            Arity = new ArgumentArity(1, 2),
        };
        var revision = new Option<string?>("--base") { Description = "Git revision to compare the working tree with (e.g. origin/main). It is exported with git archive; the working tree is not touched." };
        var output = new Option<string>("--output", "-o") { Description = "Output format", DefaultValueFactory = _ => Markdown };
        output.AcceptOnlyFromAmong(Markdown, Json);
        var command = new Command("diff", "Show what a change does: resources added/changed/replaced/deleted, connections opened/closed, checks that changed.")
        {
            stacks,
            revision,
            output,
        };
        command.SetAction(parse => Run(
            context(),
            parse.GetValue(stacks) ?? [],
            parse.GetValue(revision),
            parse.GetValue(output) ?? Markdown,
            (runner ?? (() => ProcessRunner.Instance))()));
        return command;
    }

    public static int Run(CommandContext context, IReadOnlyList<string> stacks, string? revision, string output, IProcessRunner runner) =>
        ErrorReporting.Guard(context, () =>
        {
            if (output is not (Markdown or Json))
            {
                throw new InputError("--output", $"unknown output format '{output}'", "Use md or json.");
            }

            foreach (var stack in stacks)
            {
                StackName.Parse(stack); // before any name reaches a path or another process
            }

            var project = ProjectDirectory.Find(context.WorkingDirectory);
            DiffSide @base;
            DiffSide head;
            if (revision is not null)
            {
                if (stacks.Count != 1)
                {
                    throw new InputError("diff --base", $"expected one stack, got {stacks.Count}", "Run `diff --base <revision> <stack>`, e.g. `diff --base origin/main dev`.");
                }

                // A stack deleted in the working tree is a diff too (everything deleted), if it exists at the base.
                var exists = project.Stacks().Contains(stacks[0], StringComparer.Ordinal);
                head = exists
                    ? Head(project, context.Apps, stacks[0], "the working tree")
                    : DiffSide.Missing(stacks[0], "the working tree", $"Stack '{stacks[0]}' does not exist in the working tree: every resource is deleted.");
                @base = new RevisionSynthesizer(runner, context.Error, BaseCache.ForUser(context.Environment)).Synthesize(project.Path, revision, stacks[0]);
                if (!exists && !@base.Exists)
                {
                    project.ReadStack(stacks[0]); // neither side has it: the usual unknown-stack error
                }
            }
            else
            {
                if (stacks.Count != 2)
                {
                    throw new InputError("diff", "expected two stacks", "Run `diff <stackA> <stackB>` (e.g. `diff dev prod`) or `diff --base <revision> <stack>`.");
                }

                @base = Head(project, context.Apps, stacks[0], "the working tree");
                head = Head(project, context.Apps, stacks[1], "the working tree");
            }

            var diff = StackDiff.Compare(@base, head);
            context.Out.Write(output == Json ? DiffJsonRenderer.Render(diff) : DiffMarkdownRenderer.Render(diff));
            return ExitCodes.Success;
        });

    /// <summary>Synthesizes a stack of the working tree in-process (the same files `synth` writes).</summary>
    private static DiffSide Head(ProjectDirectory project, AppCatalog apps, string stack, string label) =>
        new(stack, label, Synthesizer.Synthesize(project.ReadStack(stack), apps).Files);
}
