using System.CommandLine;
using Palisade.Stacks.Composition;

namespace Palisade.Infra.Cli;

/// <summary>The command line: verbs, usage errors mapped to exit code 2, and a last line of defence for bugs (exit 70).</summary>
public static class PalisadeCli
{
    /// <summary>
    /// The whole command line of a program whose stacks deploy <paramref name="apps"/>: every verb (plan, verify, synth,
    /// diff, promote, compile, ...) over the current folder and process environment. Returns the exit code.
    /// </summary>
    public static int Run(string[] args, AppCatalog apps)
    {
        var exitCode = Run(args, () => CommandContext.FromProcess() with { Apps = apps });
        Palisade.Infra.Process.ChildProcesses.AwaitSignalHandling();
        return exitCode;
    }

    internal static int Run(string[] args, Func<CommandContext> context)
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
        var root = new RootCommand("palisade: synthesize, verify and deploy zero-trust Kubernetes networking with Pulumi.");
        var named = args.Length == 0 ? -1 : Array.FindIndex(Verbs, v => v.Name == args[0]);
        foreach (var (_, create) in named < 0 ? Verbs : [Verbs[named]])
        {
            root.Subcommands.Add(create(context));
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

    /// <summary>
    /// The verbs in help order, each built only when needed: a run builds the verb it names, and only help, a bare
    /// option or an unknown word builds them all, so start-up pays for one verb's options.
    /// </summary>
    private static readonly (string Name, Func<Func<CommandContext>, Command> Create)[] Verbs =
    [
        ("plan", c => PlanVerb.Create(c)),
        ("synth", c => SynthVerb.Create(c)),
        ("verify", c => VerifyVerb.Create(c)),
        ("compile", c => CompileVerb.Create(c)),
        ("connectivity", _ => ConnectivityVerb.Create()),
        ("explain", context => ExplainVerb.Create(context)),
        ("diff", c => DiffVerb.Create(c)),
        ("promote", c => PromoteVerb.Create(c)),
        ("init", c => InitVerb.Create(c)),
        ("preview", c => PulumiVerbs.Create(c).Single(v => v.Name == "preview")),
        ("up", c => PulumiVerbs.Create(c).Single(v => v.Name == "up")),
    ];

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
