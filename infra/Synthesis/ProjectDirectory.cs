using Palisade.Components.Diagnostics;
using Palisade.Infra.Input;
using Palisade.Stacks.Config;
using Palisade.Stacks.Parsing;

namespace Palisade.Infra.Synthesis;

/// <summary>Finds the project (the folder with Pulumi.yaml) and reads a stack's config file from it.</summary>
public sealed class ProjectDirectory(string path)
{
    // Read once: every stack file of a promotion chain carries the same project.
    private string? projectName;

    public string Path { get; } = path;

    /// <summary>
    /// The nearest folder at or above <paramref name="start"/> that holds Pulumi.yaml. Its palisade.json, when there
    /// is one, is validated here, so every verb refuses a malformed one before it acts.
    /// </summary>
    /// <exception cref="InputError">No such folder, or its palisade.json is malformed.</exception>
    public static ProjectDirectory Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Pulumi.yaml")))
            {
                Input.ProjectSettings.Find(dir.FullName);
                return new ProjectDirectory(dir.FullName);
            }
        }

        throw new InputError(start, "no Pulumi.yaml found in this folder or above it", "Run the command from the project folder (the one with Pulumi.yaml).");
    }

    public IReadOnlyList<string> Stacks() =>
        Directory.EnumerateFiles(Path, "Pulumi.*.yaml")
            .Select(f => System.IO.Path.GetFileName(f)["Pulumi.".Length..^".yaml".Length])
            .Where(StackName.IsValid)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <exception cref="InputError">
    /// The name is not a plain stack name, there is no such stack file, or its <c>palisade:promoteFrom</c> names a
    /// stack that does not exist or leads back to it.
    /// </exception>
    public StackConfig ReadStack(string stack)
    {
        var config = ReadStackFile(stack);
        CheckPromotionSources(config);
        return config;
    }

    /// <summary>Following promoteFrom from the stack must reach existing stacks and never come back to one already seen.</summary>
    private void CheckPromotionSources(StackConfig config)
    {
        var key = StackConfig.Qualified(ConfigSchema.PromoteFrom);
        var chain = new List<string> { config.Stack };
        for (var current = config; current.String(ConfigSchema.PromoteFrom) is { } from; )
        {
            if (!StackName.IsValid(from))
            {
                return; // the platform model refuses it with the key's own message
            }

            if (chain.Contains(from))
            {
                throw new InputError($"{current.Source}: {key}", $"the promotion chain is a cycle: {string.Join(" is promoted from ", chain.Append(from))}",
                    "A stack is promoted from the stack before it (dev -> prod); remove palisade:promoteFrom from the first stack of the chain.");
            }

            if (InputFile.Status(System.IO.Path.Combine(Path, StackConfigParser.FileName(from)), from) is null)
            {
                throw new InputError($"{current.Source}: {key}", $"names stack '{from}', but there is no {StackConfigParser.FileName(from)}",
                    $"Name an existing stack ({string.Join(", ", Stacks())}), or create {StackConfigParser.FileName(from)}.");
            }

            chain.Add(from);
            current = ReadStackFile(from);
        }
    }

    /// <summary>The stack file alone, without following its promotion chain (for code that walks the chain itself).</summary>
    public StackConfig ReadStackFile(string stack)
    {
        StackName.Parse(stack);
        var fileName = StackConfigParser.FileName(stack);
        var file = System.IO.Path.Combine(Path, fileName);
        if (InputFile.Status(file, fileName) is null && new FileInfo(file).LinkTarget is { } target)
        {
            throw new InputError(fileName, $"is a symlink to {target}, which does not exist", "Fix or remove the link");
        }

        if (InputFile.Status(file, fileName) is null)
        {
            throw new InputError(fileName, $"unknown stack '{stack}'",
                $"Use one of the stacks in {Path}: {string.Join(", ", Stacks())}, or create {fileName} (see README, \"Add a stack\").");
        }

        return StackConfigParser.ParseFile(stack, fileName, InputFile.ReadText(file, fileName, ParseLimits.StackFile)).InProject(ProjectName());
    }

    /// <summary>The project's name in its Pulumi.yaml.</summary>
    /// <exception cref="InputError">Pulumi.yaml cannot be read or has no valid name.</exception>
    public string ProjectName() => projectName ??= PulumiProjectFile.Name(
        InputFile.ReadText(System.IO.Path.Combine(Path, PulumiProjectFile.FileName), PulumiProjectFile.FileName, ParseLimits.StackFile));
}
