using Palisade.Infra.Cli;
using Palisade.Infra.Synthesis;
using Palisade.Tests.Support;

namespace Palisade.Tests.Cli;

/// <summary>The program and project file carry the project's own name from its Pulumi.yaml, not Palisade's.</summary>
public sealed class ProjectNameTests : IDisposable
{
    private readonly TestProject project = TestProject.WithRepoStacks();

    public void Dispose() => project.Dispose();

    private void NameProject(string pulumiYaml) => File.WriteAllText(Path.Combine(project.Path, "Pulumi.yaml"), pulumiYaml);

    [Fact]
    public void Synth_and_the_compiler_entry_name_the_program_after_the_project()
    {
        NameProject("name: acme-platform\nruntime:\n  name: yaml\n  options:\n    compiler: bash scripts/pulumi-compile.sh\n");

        Assert.Equal(0, project.Run("synth", "dev"));
        var program = File.ReadAllText(Path.Combine(project.Path, "out/dev", SynthesisResult.ProgramFile));
        Assert.StartsWith("name: acme-platform\n", program, StringComparison.Ordinal);
        Assert.StartsWith("name: acme-platform\n", File.ReadAllText(Path.Combine(project.Path, "out/dev", "Pulumi.yaml")), StringComparison.Ordinal);

        project.Out.GetStringBuilder().Clear();
        var environment = new Dictionary<string, string>
        {
            ["PULUMI_STACK"] = "dev",
            ["PULUMI_PROJECT"] = "acme-platform",
            ["PULUMI_CONFIG"] = CompileVerbTests.EngineConfig(Path.Combine(project.Path, "Pulumi.dev.yaml")),
        };
        Assert.Equal(0, CompileVerb.Run(project.Context(environment)));
        Assert.Equal(program, project.Out.ToString());
    }

    [Theory]
    [InlineData("runtime: yaml\n", "Pulumi.yaml: name: the project has no name")]
    [InlineData("name: acme/platform\nruntime: yaml\n", "Pulumi.yaml: name: 'acme/platform' is not a Pulumi project name")]
    [InlineData("- name\n", "Pulumi.yaml: is not a YAML mapping")]
    public void A_project_file_without_a_valid_name_is_exit_2_naming_the_key(string pulumiYaml, string message)
    {
        NameProject(pulumiYaml);

        Assert.Equal(2, project.Run("plan", "dev"));
        Assert.Contains(message, project.Error.ToString(), StringComparison.Ordinal);
    }
}
