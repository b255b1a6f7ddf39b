using Palisade.Infra.Cli;
using Palisade.Infra.Init;
using Palisade.Infra.Input;
using Palisade.Stacks.Config;
using Palisade.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Palisade.Tests.Init;

/// <summary><c>init</c>: a complete repository, the same bytes every time, and never a file overwritten.</summary>
public sealed class InitVerbTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "palisade-tests", "init-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public InitVerbTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    private int Init(params string[] args) =>
        PalisadeCli.Run(["init", .. args], () => TestApps.Context(root, _ => null, output, error));

    private static SortedDictionary<string, byte[]> Tree(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes), StringComparer.Ordinal);

    [Fact]
    public void Init_writes_the_repository_and_names_every_file()
    {
        Assert.Equal(ExitCodes.Success, Init("acme-platform", "--palisade-version", "2.1.0"));

        var tree = Tree(Path.Combine(root, "acme-platform"));
        var names = TemplateNames.Of("acme-platform", "2.1.0", "--name");
        Assert.Equal(RepositoryTemplate.Files(names).Select(f => f.Path), tree.Keys);
        Assert.Contains(".github/workflows/main.yml", tree.Keys);
        Assert.Contains(".github/workflows/pull-request.yml", tree.Keys);
        Assert.Contains("tests/AcmePlatform.Tests/StackTests.cs", tree.Keys);
        foreach (var path in tree.Keys)
        {
            Assert.Contains($"  {path}\n", output.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(string.Empty, error.ToString());
        var text = (string path) => System.Text.Encoding.UTF8.GetString(tree[path]);
        Assert.Contains("<PalisadeVersion>2.1.0</PalisadeVersion>", text("Directory.Build.props"), StringComparison.Ordinal);
        Assert.Contains("return PalisadeCli.Run(args, AcmePlatformApps.Catalog);", text("platform/Program.cs"), StringComparison.Ordinal);
        Assert.Contains("name: acme-platform\n", text("Pulumi.yaml"), StringComparison.Ordinal);
        Assert.Contains("compiler: bash scripts/pulumi-compile.sh", text("Pulumi.yaml"), StringComparison.Ordinal);
        Assert.DoesNotContain(tree.Values, bytes => bytes.Contains((byte)'\r'));
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(Path.Combine(root, "acme-platform", "scripts", "pulumi-compile.sh")).HasFlag(UnixFileMode.UserExecute));
        }
    }

    [Fact]
    public void The_same_arguments_write_the_same_bytes()
    {
        Assert.Equal(ExitCodes.Success, Init("one", "--name", "acme"));
        Assert.Equal(ExitCodes.Success, Init("two", "--name", "acme"));

        Assert.Equal(Tree(Path.Combine(root, "one")), Tree(Path.Combine(root, "two")));
    }

    [Fact]
    public void The_palisade_json_and_the_dev_stack_it_writes_are_valid()
    {
        Assert.Equal(ExitCodes.Success, Init("acme"));
        var repo = Path.Combine(root, "acme");

        var settings = ProjectSettings.Find(repo)!;
        Assert.Equal("platform/Acme.Platform.csproj", settings.Program);
        Assert.Equal(["apps", "platform"], settings.Inputs);

        var dev = StackConfigParser.ParseFile("dev", "Pulumi.dev.yaml", File.ReadAllText(Path.Combine(repo, "Pulumi.dev.yaml")));
        Assert.Equal("existing", dev.String(ConfigSchema.Cloud));
        Assert.Contains("new ShopApp()", File.ReadAllText(Path.Combine(repo, "apps", "AcmeApps.cs")), StringComparison.Ordinal);
        Assert.Contains("public string Name => \"shop\";", File.ReadAllText(Path.Combine(repo, "apps", "ShopApp.cs")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_compiler_entry_is_this_repository_s_own()
    {
        Assert.Equal(ExitCodes.Success, Init("acme"));

        foreach (var script in new[] { "scripts/pulumi-compile.sh", "scripts/lib/cli-build.sh" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, script)), File.ReadAllText(Path.Combine(root, "acme", script)));
        }
    }

    [Theory]
    [InlineData("main.yml", "dotnet run --project platform --no-build -- verify dev")]
    [InlineData("pull-request.yml", "diff --base \"origin/$BASE_REF\" \"$stack\"")]
    public void The_workflows_build_test_and_run_the_program(string workflow, string command)
    {
        Assert.Equal(ExitCodes.Success, Init("acme"));
        var text = File.ReadAllText(Path.Combine(root, "acme", ".github", "workflows", workflow));

        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var jobs = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["jobs"];
        var runs = jobs.Children.Values.Cast<YamlMappingNode>()
            .SelectMany(job => ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>())
            .Select(step => step.Children.TryGetValue(new YamlScalarNode("run"), out var run) ? ((YamlScalarNode)run).Value! : "")
            .ToList();
        Assert.Contains("dotnet build -warnaserror", runs);
        Assert.Contains("dotnet test --no-build", runs);
        Assert.Contains(runs, run => run.Contains(command, StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_that_is_not_empty_is_refused_and_left_alone()
    {
        var target = Path.Combine(root, "acme");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "README.md"), "mine");

        Assert.Equal(ExitCodes.BadInput, Init("acme"));

        Assert.StartsWith("error: acme: is not empty; init never overwrites anything.", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(["README.md"], Tree(target).Keys);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(target, "README.md")));
    }

    [Fact]
    public void An_empty_folder_is_used()
    {
        Directory.CreateDirectory(Path.Combine(root, "acme"));

        Assert.Equal(ExitCodes.Success, Init("acme"));
        Assert.True(File.Exists(Path.Combine(root, "acme", "palisade.json")));
    }

    [Theory]
    [InlineData(new[] { "file.txt" }, "error: file.txt: is a file, not a folder.")]
    [InlineData(new[] { "Acme_Platform" }, "error: Acme_Platform (the folder's name, used as --name): 'acme_platform' is not a usable project name.")]
    [InlineData(new[] { "acme", "--name", "Acme" }, "error: --name: 'Acme' is not a usable project name.")]
    [InlineData(new[] { "acme", "--palisade-version", "latest" }, "error: --palisade-version: 'latest' is not a package version.")]
    public void Bad_arguments_are_exit_2_and_write_nothing(string[] args, string message)
    {
        File.WriteAllText(Path.Combine(root, "file.txt"), "x");

        Assert.Equal(ExitCodes.BadInput, Init(args));

        Assert.StartsWith(message, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(["file.txt"], Tree(root).Keys);
    }

    [Fact]
    public void The_packages_are_referenced_at_the_tool_s_own_version_by_default()
    {
        Assert.Equal(ExitCodes.Success, Init("acme"));

        Assert.Contains($"<PalisadeVersion>{TemplateNames.OwnVersion()}</PalisadeVersion>",
            File.ReadAllText(Path.Combine(root, "acme", "Directory.Build.props")), StringComparison.Ordinal);
        Assert.DoesNotContain('+', TemplateNames.OwnVersion());
    }
}
