using Palisade.Tests.Support;

namespace Palisade.Tests.Cli;

public class SynthVerbTests
{
    [Fact]
    public void Synth_writes_the_program_project_file_manifests_and_workloads()
    {
        using var project = TestProject.WithRepoStacks();

        Assert.Equal(0, project.Run("synth", "dev"));

        Assert.Equal(
            ["Main.yaml", "Pulumi.yaml", "analysis/connectivity.json", "analysis/connectivity.md", "analysis/connectivity.mmd",
             "analysis/workloads.yaml", "manifests/voting-api.yaml", "manifests/voting-consumer.yaml",
             "manifests/voting-data.yaml", "manifests/voting-frontend.yaml"],
            project.FilesUnder("out/dev").Select(f => f.Replace('\\', '/')));
    }

    [Fact]
    public void Two_runs_give_byte_identical_files()
    {
        using var project = TestProject.WithRepoStacks();

        Assert.Equal(0, project.Run("synth", "dev", "--out", "first"));
        Assert.Equal(0, project.Run("synth", "dev", "--out", "second"));

        var first = project.FilesUnder("first");
        Assert.Equal(first, project.FilesUnder("second"));
        foreach (var file in first)
        {
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(project.Path, "first", file)),
                File.ReadAllBytes(Path.Combine(project.Path, "second", file)));
        }
    }

    [Theory]
    [InlineData("config:\n  palisade:apps: [voting, chess]\n", "Pulumi.bad.yaml: palisade:apps: unknown app 'chess'")]
    [InlineData("config:\n  palisade:kubeContext: dev\n", "Pulumi.bad.yaml: palisade:apps: the required key is missing")]
    [InlineData("config:\n  palisade:apps: [voting]\n  palisade:ingresNamespace: x\n", "Pulumi.bad.yaml: palisade:ingresNamespace: unknown config key")]
    [InlineData("config:\n  palisade:apps:\n    a: b\n", "Pulumi.bad.yaml: palisade:apps: expected a list of strings")]
    [InlineData("config:\n  palisade:apps: [voting, voting]\n", "Pulumi.bad.yaml: palisade:apps: app 'voting' is listed twice")]
    [InlineData("config:\n  apps: [voting]\n", "Pulumi.bad.yaml: apps: the key has no namespace")]
    public void Bad_config_is_one_clear_error_with_exit_code_2_and_nothing_written(string yaml, string message)
    {
        using var project = new TestProject().WriteStack("bad", yaml);

        var exit = project.Run("synth", "bad");

        Assert.Equal(2, exit);
        Assert.Contains(message, project.Error.ToString());
        Assert.Single(project.Error.ToString().Trim().Split('\n'));
        Assert.Empty(project.FilesUnder("out"));
    }

    [Fact]
    public void A_failed_synth_leaves_an_earlier_output_untouched()
    {
        using var project = TestProject.WithRepoStacks();
        Assert.Equal(0, project.Run("synth", "dev", "--out", "out/x"));
        var before = File.ReadAllText(Path.Combine(project.Path, "out/x/Main.yaml"));
        project.WriteStack("bad", "config:\n  palisade:apps: [nope]\n");

        Assert.Equal(2, project.Run("synth", "bad", "--out", "out/x"));

        Assert.Equal(before, File.ReadAllText(Path.Combine(project.Path, "out/x/Main.yaml")));
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(project.Path, "out"), ".*staging*"));
    }
}
