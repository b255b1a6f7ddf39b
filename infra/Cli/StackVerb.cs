using System.CommandLine;
using Palisade.Infra.Synthesis;

namespace Palisade.Infra.Cli;

/// <summary>What every verb that works on one stack shares: the stack argument, and synthesis from the project folder.</summary>
public static class StackVerb
{
    public static Argument<string> Argument() => new("stack") { Description = "Stack name (reads Pulumi.<stack>.yaml)." };

    public static SynthesisResult Synthesize(CommandContext context, string stack) =>
        Synthesizer.Synthesize(ProjectDirectory.Find(context.WorkingDirectory).ReadStack(stack));
}
