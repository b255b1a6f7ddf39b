using System.CommandLine;

namespace Palisade.Infra.Cli;

/// <summary>The command line: verbs, usage errors mapped to exit code 2, and a last line of defence for bugs (exit 70).</summary>
public static class PalisadeCli
{
    public static int Run(string[] args, Func<CommandContext> context)
    {
        try
        {
            return Parse(args, context);
        }
        catch (Exception e)
        {
            var error = ErrorWriter(context);
            if (ErrorReporting.Expected(e) is { } message)
            {
                error.WriteLine($"error: {message}");
                return ExitCodes.BadInput;
            }

            return ErrorReporting.Internal(error, e);
        }
    }

    private static int Parse(string[] args, Func<CommandContext> context)
    {
        var root = new RootCommand("palisade: synthesize, verify and deploy zero-trust Kubernetes networking with Pulumi.")
        {
            PlanVerb.Create(context),
            SynthVerb.Create(context),
            VerifyVerb.Create(context),
            CompileVerb.Create(context),
            ConnectivityVerb.Create(),
            ExplainVerb.Create(),
            DiffVerb.Create(context),
            PromoteVerb.Create(context),
        };
        foreach (var verb in PulumiVerbs.Create(context))
        {
            root.Subcommands.Add(verb);
        }

        if (UnknownVerb.Describe(args, root.Subcommands) is { } unknown)
        {
            context().Error.WriteLine($"error: {unknown}");
            return ExitCodes.BadInput;
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

        // Exceptions reach Run's handler (one line, exit 70) instead of System.CommandLine's (a stack trace, exit 1).
        return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    private static TextWriter ErrorWriter(Func<CommandContext> context)
    {
        try
        {
            return context().Error;
        }
        catch (Exception)
        {
            return Console.Error; // the context itself failed (e.g. the working folder was deleted)
        }
    }
}
