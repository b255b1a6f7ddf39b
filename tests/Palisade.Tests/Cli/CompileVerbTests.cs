using System.Text.Json;
using Palisade.Infra.Cli;
using Palisade.Infra.Synthesis;
using Palisade.Stacks.Composition;
using Palisade.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Palisade.Tests.Cli;

public class CompileVerbTests
{
    /// <summary>PULUMI_CONFIG as the engine builds it: every value a string, lists and maps JSON-encoded.</summary>
    public static string EngineConfig(string stackFile)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(stackFile)));
        var config = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["config"];
        var values = config.Children.ToDictionary(
            e => e.Key.ToString(),
            e => e.Value is YamlScalarNode s ? s.Value! : JsonSerializer.Serialize(ToPlain(e.Value)));
        return JsonSerializer.Serialize(values);
    }

    private static object? ToPlain(YamlNode node) => node switch
    {
        YamlSequenceNode s => s.Children.Select(ToPlain).ToList(),
        YamlMappingNode m => m.Children.ToDictionary(e => e.Key.ToString(), e => ToPlain(e.Value)),
        YamlScalarNode s => s.Value,
        _ => null,
    };

    [Fact]
    public void With_a_stack_it_prints_exactly_the_program_synth_writes()
    {
        using var project = TestProject.WithRepoStacks();
        var environment = new Dictionary<string, string>
        {
            ["PULUMI_STACK"] = "dev",
            ["PULUMI_PROJECT"] = "palisade",
            ["PULUMI_ORGANIZATION"] = "acme",
            ["PULUMI_ROOT_DIRECTORY"] = project.Path,
            ["PULUMI_CONFIG"] = EngineConfig(Path.Combine(project.Path, "Pulumi.dev.yaml")),
        };

        var exit = CompileVerb.Run(project.Context(environment));
        Assert.Equal(0, project.Run("synth", "dev"));

        Assert.Equal(0, exit);
        Assert.Equal(File.ReadAllText(Path.Combine(project.Path, "out/dev", SynthesisResult.ProgramFile)), project.Out.ToString()[..project.Out.ToString().IndexOf("Wrote ", StringComparison.Ordinal)]);
        Assert.Equal(string.Empty, project.Error.ToString());
    }

    [Fact]
    public void A_fully_qualified_stack_name_uses_its_last_segment()
    {
        using var project = TestProject.WithRepoStacks();
        var environment = new Dictionary<string, string> { ["PULUMI_STACK"] = "acme/palisade/dev" };

        Assert.Equal(0, CompileVerb.Run(project.Context(environment)));
        Assert.Contains("voting-api-default-deny:", project.Out.ToString());
    }

    [Fact]
    public void Without_a_stack_it_prints_a_program_referencing_every_pinned_package()
    {
        using var project = TestProject.WithRepoStacks();

        Assert.Equal(0, CompileVerb.Run(project.Context()));

        var stream = new YamlStream();
        stream.Load(new StringReader(project.Out.ToString()));
        var resources = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["resources"];
        var packages = resources.Children.Values.Cast<YamlMappingNode>()
            .ToDictionary(r => r["type"].ToString()["pulumi:providers:".Length..], r => ((YamlMappingNode)r["options"])["version"].ToString());
        Assert.Equal(PackageCatalog.Versions, packages);
    }

    [Fact]
    public void Bad_engine_config_fails_with_exit_code_2_and_prints_no_program()
    {
        using var project = TestProject.WithRepoStacks();
        var environment = new Dictionary<string, string> { ["PULUMI_STACK"] = "dev", ["PULUMI_CONFIG"] = """{"palisade:apps":"[\"chess\"]"}""" };

        Assert.Equal(2, CompileVerb.Run(project.Context(environment)));
        Assert.Equal(string.Empty, project.Out.ToString());
        Assert.Contains("PULUMI_CONFIG: palisade:apps: unknown app 'chess'", project.Error.ToString());
    }

    [Fact]
    public void Every_package_a_stack_uses_is_in_the_discovery_program_at_the_same_version()
    {
        using var project = TestProject.WithRepoStacks();
        foreach (var stack in new ProjectDirectory(project.Path).Stacks())
        {
            var result = TestApps.Synthesize(new ProjectDirectory(project.Path).ReadStack(stack));
            foreach (var provider in result.Stack.Graph.Resources.Where(r => r.IsProvider))
            {
                Assert.Equal(PackageCatalog.Versions[provider.Package], provider.Options.Version);
            }

            Assert.All(result.Stack.Graph.Resources, r => Assert.True(PackageCatalog.Versions.ContainsKey(r.Package), r.Type));
        }
    }
}
