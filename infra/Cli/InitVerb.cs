using System.CommandLine;
using Palisade.Infra.Init;

namespace Palisade.Infra.Cli;

/// <summary>
/// <c>init &lt;dir&gt; [--name X] [--palisade-version V]</c>: a new repository that uses Palisade from its own code:
/// one example app, its program, tests, dev stack, workflows and compiler entry.
/// </summary>
internal static class InitVerb
{
    public static Command Create(Func<CommandContext> context)
    {
        var directory = new Argument<string>("dir") { Description = "The new repository's folder (missing or empty)." };
        var name = new Option<string?>("--name") { Description = "Pulumi project name, lowercase with '-' (default: the folder's name); the C# namespace is derived from it." };
        var version = new Option<string?>("--palisade-version") { Description = "The Palisade package version the projects reference (default: this tool's own)." };
        var command = new Command("init", "Create a repository that defines its apps in its own C# and references the Palisade packages.") { directory, name, version };
        command.SetAction(result => Run(context(), result.GetValue(directory)!, result.GetValue(name), result.GetValue(version)));
        return command;
    }

    public static int Run(CommandContext context, string directory, string? name = null, string? palisadeVersion = null) => ErrorReporting.Guard(context, () =>
    {
        if (directory.Trim().Length == 0)
        {
            throw new Palisade.Components.Diagnostics.InputError("init", "the folder is empty text", "Name the new repository's folder, e.g. `palisade init acme-platform`");
        }

        var target = Path.GetFullPath(Path.Combine(context.WorkingDirectory, directory));
        RepositoryWriter.RequireNew(target, directory);
        var project = name ?? Path.GetFileName(target.TrimEnd(Path.DirectorySeparatorChar)).ToLowerInvariant();
        var names = TemplateNames.Of(project, palisadeVersion, name is null ? $"{directory} (the folder's name, used as --name)" : "--name");
        var files = RepositoryTemplate.Files(names);
        RepositoryWriter.Write(target, directory, files);

        context.Out.WriteLine($"Created {names.Project} in {target} ({files.Count} files, Palisade {names.PalisadeVersion}):");
        foreach (var file in files)
        {
            context.Out.WriteLine($"  {file.Path}");
        }

        context.Out.WriteLine();
        context.Out.WriteLine("Next:");
        context.Out.WriteLine($"  cd {directory}");
        context.Out.WriteLine("  dotnet run --project platform -- plan dev");
        context.Out.WriteLine("  dotnet test");
        return ExitCodes.Success;
    });
}
