using System.CommandLine;
using Palisade.Infra.Promotion;
using Palisade.Infra.Synthesis;

namespace Palisade.Infra.Cli;

/// <summary>What every verb that works on one stack shares: the stack argument, and synthesis from the project folder.</summary>
internal static class StackVerb
{
    public static Argument<string> Argument() => new("stack") { Description = "Stack name (reads Pulumi.<stack>.yaml)." };

    public static Option<bool> AllowUnpromotedOption() => new("--allow-unpromoted")
    {
        Description = "Accept a promoted stack whose environment-independent part no longer matches what was promoted.",
    };

    public static SynthesisResult Synthesize(CommandContext context, string stack) =>
        Synthesizer.Synthesize(ProjectDirectory.Find(context.WorkingDirectory).ReadStack(StackName.Parse(stack).Value), context.Apps);

    /// <summary>Synthesis plus the promotion gate, for the verbs that decide whether a stack may be deployed.</summary>
    public static SynthesisResult SynthesizeGated(CommandContext context, string stack, bool allowUnpromoted) =>
        WithGate(Synthesize(context, stack), allowUnpromoted);

    public static SynthesisResult WithGate(SynthesisResult result, bool allowUnpromoted) =>
        PromotionGate.Check(result, allowUnpromoted) is { } gate ? result with { Checks = [.. result.Checks, gate] } : result;
}
