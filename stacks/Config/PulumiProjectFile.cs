using Palisade.Components.Diagnostics;
using Palisade.Stacks.Parsing;
using YamlDotNet.RepresentationModel;

namespace Palisade.Stacks.Config;

/// <summary>
/// The project name in Pulumi.yaml: the synthesized program and project file carry it, so a repository of its own
/// deploys under its own project, not Palisade's.
/// </summary>
internal static class PulumiProjectFile
{
    public const string FileName = "Pulumi.yaml";

    /// <summary>Pulumi's rule for project names: letters, digits, '-', '_' and '.', at most 100 characters.</summary>
    public static bool IsValidName(string name) =>
        name.Length is >= 1 and <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <exception cref="InputError">The file is not a mapping with a valid <c>name</c>.</exception>
    public static string Name(string text)
    {
        var documents = BoundedYaml.Load(text, FileName, ParseLimits.StackFile);
        if (documents.Count == 0 || documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InputError(FileName, "is not a YAML mapping", "Write the Pulumi project file: name, runtime and description at the top level.");
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("name"), out var node) || node is not YamlScalarNode { Value: { } name })
        {
            throw new InputError($"{FileName}: name", "the project has no name", "Add `name: <project>` at the top level (letters, digits, '-', '_', '.').");
        }

        if (!IsValidName(name))
        {
            throw new InputError($"{FileName}: name", $"{Excerpt.Quote(name)} is not a Pulumi project name",
                "Use at most 100 letters, digits, '-', '_' and '.'.");
        }

        return name;
    }
}
