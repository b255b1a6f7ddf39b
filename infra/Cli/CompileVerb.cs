using System.CommandLine;
using Palisade.Infra.Emit;
using Palisade.Infra.Promotion;
using Palisade.Infra.Synthesis;
using Palisade.Stacks.Composition;
using Palisade.Stacks.Config;

namespace Palisade.Infra.Cli;

/// <summary>
/// The compiler entry named in Pulumi.yaml (<c>runtime.options.compiler</c>). The Pulumi YAML host runs it in the
/// project folder with PULUMI_STACK and PULUMI_CONFIG set and reads the program from stdout; it also runs it once
/// without a stack to discover provider packages, which gets a program referencing every pinned package.
/// </summary>
internal static class CompileVerb
{
    public static Command Create(Func<CommandContext> context)
    {
        var command = new Command("compile", "Print the program for the stack in PULUMI_STACK/PULUMI_CONFIG (used by `pulumi up`).");
        command.SetAction(_ => Run(context()));
        return command;
    }

    public static int Run(CommandContext context) => ErrorReporting.Guard(context, () =>
    {
        var stackVariable = context.Environment("PULUMI_STACK");
        if (string.IsNullOrEmpty(stackVariable))
        {
            context.Out.Write(PackageDiscoveryProgram());
            return ExitCodes.Success;
        }

        var stack = StackName.Parse(stackVariable.Split('/')[^1], "PULUMI_STACK").Value;
        var json = context.Environment("PULUMI_CONFIG");
        var project = ProjectDirectory.Find(context.WorkingDirectory);
        var config = json is null
            ? project.ReadStack(stack)
            : EngineSecrets.Mark(StackConfigParser.ParseEnvironment(stack, json), StackFileIfPresent(project, stack)).InProject(project.ProjectName());
        var result = StackVerb.WithGate(Synthesizer.Synthesize(config, context.Apps), context.Environment(PromotionGate.OverrideVariable) == "1");
        foreach (var check in result.Checks.Where(c => !c.Passed))
        {
            context.Error.WriteLine($"error: check failed: {check.Label}: {string.Join("; ", check.Findings)}");
        }

        if (!result.Passed)
        {
            context.Error.WriteLine($"error: stack {stack} does not verify; run `plan {stack}` for details. Nothing was deployed.");
            return ExitCodes.VerificationFailed;
        }

        context.Out.Write(result.Program);
        return ExitCodes.Success;
    });

    /// <summary>The stack file, when the project folder has one, to learn which values Pulumi holds as secrets.</summary>
    private static StackConfig? StackFileIfPresent(ProjectDirectory project, string stack) =>
        File.Exists(Path.Combine(project.Path, StackConfigParser.FileName(stack))) ? project.ReadStack(stack) : null;

    public static string PackageDiscoveryProgram() => YamlWriter.Write(YamlMapping.Of(
        ("name", new YamlScalar(ConfigSchema.Project)),
        ("description", new YamlScalar("Package discovery: every provider package the stacks use, at its pinned version.")),
        ("resources", new YamlMapping(PackageCatalog.Versions
            .Select(p => new KeyValuePair<string, YamlNode>($"{p.Key}-provider", YamlMapping.Of(
                ("type", new YamlScalar($"pulumi:providers:{p.Key}")),
                ("options", YamlMapping.Of(("version", new YamlScalar(p.Value)))))))
            .ToList()))));
}
