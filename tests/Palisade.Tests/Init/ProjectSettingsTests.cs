using Palisade.Components.Diagnostics;
using Palisade.Infra.Diff;
using Palisade.Infra.Input;
using Palisade.Infra.Promotion;
using Palisade.Tests.Support;

namespace Palisade.Tests.Init;

/// <summary>palisade.json: read strictly, with every mistake named by key; trees without it keep the old layout.</summary>
public sealed class ProjectSettingsTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "palisade-tests", "settings-" + Guid.NewGuid().ToString("N"));

    public ProjectSettingsTests()
    {
        Directory.CreateDirectory(Path.Combine(folder, "platform"));
        Directory.CreateDirectory(Path.Combine(folder, "apps"));
        File.WriteAllText(Path.Combine(folder, "platform", "Acme.Platform.csproj"), "<Project />");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private ProjectSettings Read(string json)
    {
        File.WriteAllText(Path.Combine(folder, ProjectSettings.FileName), json);
        return ProjectSettings.Find(folder)!;
    }

    private InputError Refused(string json) => Assert.Throws<InputError>(() => Read(json));

    [Fact]
    public void The_program_and_its_inputs_are_read()
    {
        var settings = Read("""{"program": "platform/Acme.Platform.csproj", "inputs": ["apps", "platform"]}""");

        Assert.Equal("platform/Acme.Platform.csproj", settings.Program);
        Assert.Equal(["apps", "platform"], settings.Inputs);
        Assert.Equal("platform/Acme.Platform.csproj", ProgramLocation.Find(folder));
    }

    [Fact]
    public void Without_inputs_the_program_is_built_from_its_own_folder()
    {
        Assert.Equal(["platform"], Read("""{"program": "platform/Acme.Platform.csproj"}""").Inputs);
    }

    [Theory]
    [InlineData("""{"program": "platform/Acme.Platform.csproj", "input": ["apps"]}""", "palisade.json: input", "is not a palisade.json key")]
    [InlineData("""{"inputs": ["apps"]}""", "palisade.json: program", "is missing")]
    [InlineData("""{"program": "platform/Acme.Platform.csproj", "program": "platform/Acme.Platform.csproj"}""", "palisade.json", "is not valid JSON")]
    [InlineData("""["platform/Acme.Platform.csproj"]""", "palisade.json", "is a JSON list, not an object")]
    [InlineData("""{"program": 3}""", "palisade.json: program", "is a JSON number, not a string")]
    [InlineData("""{"program": "platform/Missing.csproj"}""", "palisade.json: program", "'platform/Missing.csproj' does not exist")]
    [InlineData("""{"program": "platform"}""", "palisade.json: program", "is not a C# project file")]
    [InlineData("""{"program": "../elsewhere/Acme.Platform.csproj"}""", "palisade.json: program", "is not a plain relative path")]
    [InlineData("""{"program": "/platform/Acme.Platform.csproj"}""", "palisade.json: program", "is not a plain relative path")]
    [InlineData("""{"program": "platform\\Acme.Platform.csproj"}""", "palisade.json: program", "is not a plain relative path")]
    [InlineData("""{"program": "platform/Acme.Platform.csproj", "inputs": "apps"}""", "palisade.json: inputs", "is a JSON string, not a list")]
    [InlineData("""{"program": "platform/Acme.Platform.csproj", "inputs": []}""", "palisade.json: inputs", "is empty")]
    [InlineData("""{"program": "platform/Acme.Platform.csproj", "inputs": ["apps", "apps"]}""", "palisade.json: inputs[1]", "is listed twice")]
    [InlineData("""{"program": "platform/Acme.Platform.csproj", "inputs": ["apps", "src"]}""", "palisade.json: inputs[1]", "'src' does not exist")]
    [InlineData("""{"program": "platform/Acme.Platform.csproj", "inputs": ["./apps"]}""", "palisade.json: inputs[0]", "is not a plain relative path")]
    [InlineData("""{"program": "platform/Acme.Platform.csproj",""", "palisade.json", "is not valid JSON")]
    public void A_mistake_is_named_by_file_and_key_with_a_fix(string json, string location, string problem)
    {
        var error = Refused(json);

        Assert.Equal(location, error.Location);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.NotEmpty(error.Fix);
    }

    [Fact]
    public void A_tree_without_palisade_json_keeps_the_layout_before_it()
    {
        Assert.Null(ProjectSettings.Find(folder));
        Assert.Null(ProgramLocation.Find(folder));

        Directory.CreateDirectory(Path.Combine(folder, "infra"));
        File.WriteAllText(Path.Combine(folder, "infra", "Palisade.Infra.csproj"), "<Project />");
        Assert.Equal("infra/Palisade.Infra.csproj", ProgramLocation.Find(folder));

        Directory.CreateDirectory(Path.Combine(folder, "cli"));
        File.WriteAllText(Path.Combine(folder, "cli", "Palisade.Cli.csproj"), "<Project />");
        Assert.Equal("cli/Palisade.Cli.csproj", ProgramLocation.Find(folder));
        Assert.Equal(["components", "stacks", "infra", "examples", "cli"], ProjectSettings.Find(folder)!.Inputs);
    }

    [Fact]
    public void Promotion_counts_the_inputs_palisade_json_names_as_synthesis_inputs()
    {
        Read("""{"program": "platform/Acme.Platform.csproj", "inputs": ["apps", "platform"]}""");

        var inputs = WorkingTree.SynthesisInputs(folder);

        Assert.Equal(["apps", "platform"], inputs.Take(2));
        Assert.Contains("Pulumi*.yaml", inputs);
        Assert.Contains(ProjectSettings.FileName, inputs);
        Assert.DoesNotContain("components", inputs);
    }

    [Fact]
    public void This_repository_names_its_own_program_in_palisade_json()
    {
        var settings = ProjectSettings.Find(RepoPaths.Root)!;

        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, ProjectSettings.FileName)));
        Assert.Equal("cli/Palisade.Cli.csproj", settings.Program);
        Assert.Equal(["components", "stacks", "infra", "examples", "cli"], settings.Inputs);
    }

    [Theory]
    [InlineData("plan")]
    [InlineData("verify")]
    [InlineData("synth")]
    [InlineData("promote")]
    public void Every_verb_refuses_a_malformed_palisade_json_with_exit_2(string verb)
    {
        using var project = TestProject.WithRepoStacks();
        File.WriteAllText(Path.Combine(project.Path, ProjectSettings.FileName), """{"stacks": ["dev"], "program": "platform/Acme.Platform.csproj"}""");
        string[] args = verb == "promote" ? ["promote", "dev", "prod", "--dry-run"] : [verb, "dev"];

        Assert.Equal(Palisade.Infra.Cli.ExitCodes.BadInput, project.Run(args));

        Assert.StartsWith("error: palisade.json: stacks: is not a palisade.json key.", project.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, project.Out.ToString());
    }
}
