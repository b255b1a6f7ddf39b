using Palisade.Components.Graph;
using Palisade.Stacks.Composition;
using Palisade.Stacks.Config;
using Palisade.Tests.Support;

namespace Palisade.Tests.Cloud;

/// <summary>The repository's dev and prod stacks and the GKE fixture stack, composed, plus graph lookups.</summary>
internal static class CloudStacks
{
    public static string GkeFixture => Path.Combine(RepoPaths.TestProject, "Fixtures", "stacks", "Pulumi.gke.yaml");

    public static StackConfig Config(string stack) => stack == "gke"
        ? StackConfigParser.ParseFile("gke", "Pulumi.gke.yaml", File.ReadAllText(GkeFixture))
        : StackConfigParser.ParseFile(stack, $"Pulumi.{stack}.yaml", File.ReadAllText(Path.Combine(RepoPaths.Root, $"Pulumi.{stack}.yaml")));

    public static SynthesizedStack Compose(string stack) => TestApps.Compose(Config(stack));

    public static StackConfig Parse(string yaml) => StackConfigParser.ParseFile("t", "Pulumi.t.yaml", yaml);

    /// <summary>A stack file's text without one config key: its line, the list items under it and the comment above it.</summary>
    public static string WithoutKey(string yaml, string key)
    {
        var lines = yaml.Split('\n').ToList();
        var at = lines.IndexOf($"  {key}:");
        if (at < 0)
        {
            return yaml;
        }

        var end = at + 1;
        while (end < lines.Count && lines[end].StartsWith("    ", StringComparison.Ordinal))
        {
            end++;
        }

        var start = at > 0 && lines[at - 1].TrimStart().StartsWith('#') ? at - 1 : at;
        lines.RemoveRange(start, end - start);
        return string.Join('\n', lines);
    }

    public static Resource Resource(this ResourceGraph graph, string logicalName) =>
        graph.Find(logicalName) ?? throw new Xunit.Sdk.XunitException($"resource {logicalName} not found");

    public static Value At(this Value value, string path)
    {
        foreach (var part in path.Split('.'))
        {
            value = value switch
            {
                MapValue m => m[part] ?? throw new Xunit.Sdk.XunitException($"no '{part}' in {path}"),
                ListValue l when int.TryParse(part, out var i) => l.Items[i],
                _ => throw new Xunit.Sdk.XunitException($"cannot go into '{part}' of {path}"),
            };
        }

        return value;
    }

    public static Value Prop(this Resource resource, string path) => resource.Properties.At(path);

    public static bool Has(this Resource resource, string path)
    {
        try
        {
            resource.Prop(path);
            return true;
        }
        catch (Xunit.Sdk.XunitException)
        {
            return false;
        }
    }
}
