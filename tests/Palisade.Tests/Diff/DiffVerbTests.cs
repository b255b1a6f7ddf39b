using System.Formats.Tar;
using System.Text.Json;
using Moq;
using Palisade.Infra.Cli;
using Palisade.Infra.Diff;
using Palisade.Infra.Process;
using Palisade.Infra.Synthesis;
using Palisade.Stacks.Config;
using Palisade.Tests.Support;

namespace Palisade.Tests.Diff;

public class DiffVerbTests
{
    [Fact]
    public void A_stack_compared_with_itself_has_no_changes()
    {
        using var project = TestProject.WithRepoStacks();

        Assert.Equal(0, project.Run("diff", "dev", "dev"));

        var output = project.Out.ToString();
        Assert.StartsWith("<!-- palisade-diff -->\n", output);
        Assert.Contains("No changes: the resources, the connectivity and the checks are the same.", output);
        Assert.Equal("", project.Error.ToString());
    }

    [Fact]
    public void Dev_and_prod_differ_in_resources_and_connectivity()
    {
        using var project = TestProject.WithRepoStacks();

        Assert.Equal(0, project.Run("diff", "dev", "prod"));

        var output = project.Out.ToString();
        Assert.Contains("### Palisade diff: `dev` at the working tree → `prod` at the working tree", output);
        Assert.Contains("| ➕ add | `waf-acl` | `aws:wafv2/webAcl:WebAcl` |", output);
        Assert.Contains("| 🔄 replace | `eks-cluster` | `aws:eks/cluster:Cluster` | replace because of `properties.name`", output);
        Assert.Contains("| `properties.name` | `palisade-dev` | `palisade-prod` |", output);
        Assert.Contains("#### Connections opened", output);
        Assert.Contains("#### Connections closed", output);
        Assert.Contains("| `nginx-ingress/nginx-ingress-controller[Deployment]` | `govtech/frontend[Deployment]` | TCP 80 |", output);
    }

    [Fact]
    public void Json_output_is_deterministic_and_counts_the_changes()
    {
        using var project = TestProject.WithRepoStacks();

        Assert.Equal(0, project.Run("diff", "dev", "prod", "--output", "json"));
        var first = project.Out.ToString();
        project.Out.GetStringBuilder().Clear();
        Assert.Equal(0, project.Run("diff", "dev", "prod", "-o", "json"));

        Assert.Equal(first, project.Out.ToString());
        using var json = JsonDocument.Parse(first);
        var summary = json.RootElement.GetProperty("summary");
        Assert.True(summary.GetProperty("add").GetInt32() > 0);
        Assert.True(summary.GetProperty("connectionsOpened").GetInt32() > 0);
        Assert.Equal("prod", json.RootElement.GetProperty("head").GetProperty("stack").GetString());
    }

    [Theory]
    [InlineData(new[] { "diff", "dev", "nosuch" }, "unknown stack 'nosuch'")]
    [InlineData(new[] { "diff", "dev" }, "expected two stacks")]
    [InlineData(new[] { "diff", "--base", "HEAD", "dev", "prod" }, "expected one stack, got 2")]
    [InlineData(new[] { "diff", "dev", "prod", "--output", "xml" }, "xml")]
    [InlineData(new[] { "diff", "--base", "--oops", "dev" }, "'--oops' is not a revision")]
    public void Bad_input_is_exit_code_2_with_one_clear_error(string[] args, string message)
    {
        using var project = TestProject.WithRepoStacks();

        Assert.Equal(2, project.Run(args));

        Assert.Contains(message, project.Error.ToString());
        Assert.Equal("", project.Out.ToString());
    }

    /// <summary>A fake git and dotnet: git archive writes a tar of <paramref name="baseTree"/>; dotnet run writes <paramref name="baseFiles"/>.</summary>
    private static Mock<IProcessRunner> FakeRunner(string projectPath, string? baseTree, IReadOnlyDictionary<string, string>? baseFiles,
        ProcessResult? dotnetResult = null, ProcessResult? revParse = null, string program = "infra/Palisade.Infra.csproj")
    {
        var runner = new Mock<IProcessRunner>(MockBehavior.Strict);
        runner.Setup(r => r.Run("git", It.Is<IReadOnlyList<string>>(a => a.SequenceEqual(new[] { "rev-parse", "--show-toplevel" })), It.IsAny<string>(), null))
            .Returns(new ProcessResult(0, projectPath + "\n", ""));
        runner.Setup(r => r.Run("git", It.Is<IReadOnlyList<string>>(a => a.SequenceEqual(new[] { "rev-parse", "--show-prefix" })), It.IsAny<string>(), null))
            .Returns(new ProcessResult(0, "\n", ""));
        runner.Setup(r => r.Run("git", It.Is<IReadOnlyList<string>>(a => a.Count == 3 && a[0] == "rev-parse" && a[1] == "--verify"), It.IsAny<string>(), null))
            .Returns(revParse ?? new ProcessResult(0, "0123456789abcdef0123456789abcdef01234567\n", ""));
        runner.Setup(r => r.Run("git", It.Is<IReadOnlyList<string>>(a => a[0] == "archive"), projectPath, null))
            .Returns((string _, IReadOnlyList<string> args, string _, IReadOnlyDictionary<string, string?>? _) =>
            {
                Assert.Equal(["archive", "--format=tar", "-o"], args.Take(3));
                Assert.Equal("0123456789abcdef0123456789abcdef01234567", args[4]);
                TarFile.CreateFromDirectory(baseTree!, args[3], includeBaseDirectory: false);
                return new ProcessResult(0, "", "");
            });
        runner.Setup(r => r.Run("dotnet", It.IsAny<IReadOnlyList<string>>(), It.IsAny<string>(), It.IsAny<IReadOnlyDictionary<string, string?>?>()))
            .Returns((string _, IReadOnlyList<string> args, string _, IReadOnlyDictionary<string, string?>? _) =>
            {
                Assert.Equal(RevisionSynthesizer.SynthArguments(program, "dev", args[^1]), args);
                if (dotnetResult is { Succeeded: false })
                {
                    return dotnetResult;
                }

                OutputFolder.Write(args[^1], baseFiles!);
                return new ProcessResult(0, "Wrote files", "");
            });
        return runner;
    }

    private static string BaseTree(TestProject project, bool withStack = true)
    {
        var tree = Path.Combine(project.Path, "..", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(tree, "infra"));
        File.WriteAllText(Path.Combine(tree, "infra", "Palisade.Infra.csproj"), "<Project />");
        File.Copy(Path.Combine(project.Path, "Pulumi.yaml"), Path.Combine(tree, "Pulumi.yaml"));
        if (withStack)
        {
            File.Copy(Path.Combine(project.Path, "Pulumi.dev.yaml"), Path.Combine(tree, "Pulumi.dev.yaml"));
        }

        return tree;
    }

    private static IReadOnlyList<string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => $"{Path.GetRelativePath(folder, f)}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}")
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Base_revision_is_exported_with_git_archive_and_synthesized_by_its_own_program_without_touching_the_working_tree()
    {
        using var project = TestProject.WithRepoStacks();
        var baseConfig = File.ReadAllText(Path.Combine(project.Path, "Pulumi.dev.yaml")).Replace("palisade:nodeMaxSize: 3", "palisade:nodeMaxSize: 4");
        var baseFiles = TestApps.Synthesize(StackConfigParser.ParseFile("dev", "Pulumi.dev.yaml", baseConfig)).Files;
        var tree = BaseTree(project);
        var runner = FakeRunner(project.Path, tree, baseFiles);
        var before = Snapshot(project.Path);

        var exit = DiffVerb.Run(project.Context(), ["dev"], "origin/main", DiffVerb.Markdown, runner.Object);

        Assert.Equal(0, exit);
        var output = project.Out.ToString();
        Assert.Contains("### Palisade diff: `dev` at origin/main (0123456789ab) → `dev` at the working tree", output);
        Assert.Contains("**0 to add, 1 to change, 0 to replace, 0 to delete**", output);
        Assert.Contains("| `properties.scalingConfig.maxSize` | `4` | `3` |", output);
        Assert.Equal(before, Snapshot(project.Path));

        runner.Verify(r => r.Run("git", It.Is<IReadOnlyList<string>>(a => a[0] == "rev-parse" && a[1] == "--verify" && a[2] == "origin/main^{commit}"), project.Path, null), Times.Once);
        runner.Verify(r => r.Run("git", It.Is<IReadOnlyList<string>>(a => a[0] == "archive"), project.Path, null), Times.Once);
        runner.Verify(r => r.Run("dotnet", It.IsAny<IReadOnlyList<string>>(), It.Is<string>(wd => !wd.StartsWith(project.Path)), It.IsAny<IReadOnlyDictionary<string, string?>?>()), Times.Once);
        var forbidden = new[] { "checkout", "stash", "worktree", "reset", "switch", "restore", "clean", "read-tree", "update-index", "add", "commit" };
        foreach (var call in runner.Invocations)
        {
            var args = (IReadOnlyList<string>)call.Arguments[1]!;
            Assert.DoesNotContain(args, forbidden.Contains);
        }

        Directory.Delete(tree, recursive: true);
    }

    [Fact]
    public void A_revision_git_does_not_know_is_exit_code_2_with_the_git_error()
    {
        using var project = TestProject.WithRepoStacks();
        var runner = FakeRunner(project.Path, null, null, revParse: new ProcessResult(128, "", "fatal: ambiguous argument 'nope^{commit}': unknown revision or path not in the working tree.\n"));

        var exit = DiffVerb.Run(project.Context(), ["dev"], "nope", DiffVerb.Markdown, runner.Object);

        Assert.Equal(2, exit);
        Assert.Contains("error: --base: 'nope' is not a commit", project.Error.ToString());
        Assert.Contains("fatal: ambiguous argument 'nope^{commit}': unknown revision", project.Error.ToString());
        Assert.Equal("", project.Out.ToString());
        runner.Verify(r => r.Run("git", It.Is<IReadOnlyList<string>>(a => a[0] == "archive"), It.IsAny<string>(), null), Times.Never);
    }

    [Fact]
    public void Without_git_installed_diff_base_is_exit_code_2_with_a_hint()
    {
        using var project = TestProject.WithRepoStacks();
        var runner = new Mock<IProcessRunner>();
        runner.Setup(r => r.Run(It.IsAny<string>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<string>(), It.IsAny<IReadOnlyDictionary<string, string?>?>()))
            .Throws(new ProcessStartException("git", new System.ComponentModel.Win32Exception(2, "No such file or directory")));

        Assert.Equal(2, DiffVerb.Run(project.Context(), ["dev"], "main", DiffVerb.Markdown, runner.Object));

        Assert.Contains("error: --base: could not start 'git'", project.Error.ToString());
        Assert.Contains("compare two stacks with `diff <stackA> <stackB>`", project.Error.ToString());
    }

    [Fact]
    public void A_stack_that_does_not_exist_at_the_base_is_reported_as_new()
    {
        using var project = TestProject.WithRepoStacks();
        var tree = BaseTree(project, withStack: false);
        var runner = FakeRunner(project.Path, tree, null);

        Assert.Equal(0, DiffVerb.Run(project.Context(), ["dev"], "v1", DiffVerb.Json, runner.Object));

        using var json = JsonDocument.Parse(project.Out.ToString());
        Assert.Contains("Stack 'dev' does not exist at v1 (0123456789ab): every resource is new.", json.RootElement.GetProperty("notes")[0].GetString());
        Assert.False(json.RootElement.GetProperty("base").GetProperty("exists").GetBoolean());
        Assert.All(json.RootElement.GetProperty("resources").EnumerateArray(), r => Assert.Equal("add", r.GetProperty("action").GetString()));
        Assert.Equal(0, json.RootElement.GetProperty("summary").GetProperty("delete").GetInt32());
        runner.Verify(r => r.Run("dotnet", It.IsAny<IReadOnlyList<string>>(), It.IsAny<string>(), It.IsAny<IReadOnlyDictionary<string, string?>?>()), Times.Never);
        Directory.Delete(tree, recursive: true);
    }

    [Fact]
    public void A_stack_deleted_in_the_working_tree_shows_every_resource_deleted()
    {
        using var project = TestProject.WithRepoStacks();
        var baseFiles = TestApps.Synthesize(new ProjectDirectory(project.Path).ReadStack("dev")).Files;
        var tree = BaseTree(project);
        File.Delete(Path.Combine(project.Path, "Pulumi.dev.yaml"));
        var runner = FakeRunner(project.Path, tree, baseFiles);

        Assert.Equal(0, DiffVerb.Run(project.Context(), ["dev"], "main", DiffVerb.Json, runner.Object));

        using var json = JsonDocument.Parse(project.Out.ToString());
        Assert.Equal("Stack 'dev' does not exist in the working tree: every resource is deleted.", json.RootElement.GetProperty("notes")[0].GetString());
        Assert.Equal(0, json.RootElement.GetProperty("summary").GetProperty("add").GetInt32());
        Assert.Equal(System.Text.RegularExpressions.Regex.Count(baseFiles[DiffSide.ProgramFile], @"\n    type: \S+:"), json.RootElement.GetProperty("summary").GetProperty("delete").GetInt32());
        Assert.True(json.RootElement.GetProperty("summary").GetProperty("connectionsClosed").GetInt32() > 0);
        Directory.Delete(tree, recursive: true);
    }

    [Fact]
    public void A_stack_that_exists_on_neither_side_is_an_unknown_stack()
    {
        using var project = TestProject.WithRepoStacks();
        var tree = BaseTree(project, withStack: false);
        var runner = FakeRunner(project.Path, tree, null);

        Assert.Equal(2, DiffVerb.Run(project.Context(), ["qa"], "main", DiffVerb.Markdown, runner.Object));

        Assert.Contains("unknown stack 'qa'", project.Error.ToString());
        Assert.Equal("", project.Out.ToString());
        Directory.Delete(tree, recursive: true);
    }

    [Fact]
    public void A_base_program_without_the_synth_verb_is_reported_with_a_clear_message()
    {
        using var project = TestProject.WithRepoStacks();
        var tree = BaseTree(project);
        var runner = FakeRunner(project.Path, tree, null,
            dotnetResult: new ProcessResult(1, "", "Unrecognized command or argument 'synth'.\nUnrecognized command or argument 'dev'.\n"));

        Assert.Equal(0, DiffVerb.Run(project.Context(), ["dev"], "v0", DiffVerb.Markdown, runner.Object));

        Assert.Contains("> The program at v0 (0123456789ab) has no `synth` verb, so stack 'dev' is unknown at the base", project.Out.ToString());
        Directory.Delete(tree, recursive: true);
    }

    [Fact]
    public void A_base_with_palisade_json_is_built_with_the_program_it_names()
    {
        using var project = TestProject.WithRepoStacks();
        var baseFiles = TestApps.Synthesize(new ProjectDirectory(project.Path).ReadStack("dev")).Files;
        var tree = BaseTree(project);
        Directory.Delete(Path.Combine(tree, "infra"), recursive: true);
        Directory.CreateDirectory(Path.Combine(tree, "platform"));
        File.WriteAllText(Path.Combine(tree, "platform", "Acme.Platform.csproj"), "<Project />");
        File.WriteAllText(Path.Combine(tree, "palisade.json"), """{"program": "platform/Acme.Platform.csproj", "inputs": ["platform"]}""");
        var runner = FakeRunner(project.Path, tree, baseFiles, program: "platform/Acme.Platform.csproj");

        Assert.Equal(0, DiffVerb.Run(project.Context(), ["dev"], "main", DiffVerb.Markdown, runner.Object));

        Assert.Contains("No changes", project.Out.ToString());
        runner.Verify(r => r.Run("dotnet", It.IsAny<IReadOnlyList<string>>(), It.IsAny<string>(), It.IsAny<IReadOnlyDictionary<string, string?>?>()), Times.Once);
        Directory.Delete(tree, recursive: true);
    }

    [Fact]
    public void A_base_whose_palisade_json_is_broken_is_unknown_with_the_reason()
    {
        using var project = TestProject.WithRepoStacks();
        var tree = BaseTree(project);
        File.WriteAllText(Path.Combine(tree, "palisade.json"), """{"program": "infra/Palisade.Infra.csproj", "stacks": []}""");
        var runner = FakeRunner(project.Path, tree, null);

        Assert.Equal(0, DiffVerb.Run(project.Context(), ["dev"], "v2", DiffVerb.Markdown, runner.Object));

        Assert.Contains("The palisade.json at v2 (0123456789ab) is not usable (palisade.json: stacks: is not a palisade.json key.", project.Out.ToString());
        runner.Verify(r => r.Run("dotnet", It.IsAny<IReadOnlyList<string>>(), It.IsAny<string>(), It.IsAny<IReadOnlyDictionary<string, string?>?>()), Times.Never);
        Directory.Delete(tree, recursive: true);
    }
}
