using System.CommandLine;

namespace Palisade.Infra.Cli;

/// <summary>The command line: verbs, and usage errors mapped to exit code 2.</summary>
public static class PalisadeCli
{
    public static int Run(string[] args, Func<CommandContext> context)
    {
        var root = new RootCommand("palisade: synthesize, verify and deploy zero-trust Kubernetes networking with Pulumi.")
        {
            PlanVerb.Create(context),
            SynthVerb.Create(context),
            VerifyVerb.Create(context),
            CompileVerb.Create(context),
            ConnectivityVerb.Create(),
            DiffVerb.Create(context),
            PromoteVerb.Create(context),
        };
        foreach (var verb in PulumiVerbs.Create(context))
        {
            root.Subcommands.Add(verb);
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var error = context().Error;
            foreach (var e in parsed.Errors)
            {
                error.WriteLine($"error: {e.Message}");
            }

            error.WriteLine("Run with --help for usage.");
            return ExitCodes.BadInput;
        }

        return parsed.Invoke();
    }
}
