using Palisade.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Palisade.Tests.Diff;

/// <summary>The GitHub Actions workflows keep the shape the README promises (they cannot run here).</summary>
public class WorkflowTests
{
    private static YamlMappingNode Load(string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepoPaths.Root, ".github", "workflows", name))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IReadOnlyList<YamlMappingNode> Steps(YamlMappingNode workflow) =>
        ((YamlMappingNode)workflow["jobs"]).Children.Values.Cast<YamlMappingNode>()
            .SelectMany(job => ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>())
            .ToList();

    private static string? Value(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    [Fact]
    public void The_pull_request_workflow_builds_tests_diffs_every_stack_and_updates_one_comment()
    {
        var workflow = Load("pull-request.yml");
        var steps = Steps(workflow);
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, ".github", "workflows", "pull-request.yml"));

        Assert.True(((YamlMappingNode)workflow["on"]).Children.ContainsKey(new YamlScalarNode("pull_request")));
        var checkout = Assert.Single(steps, s => Value(s, "uses")?.StartsWith("actions/checkout@") == true);
        Assert.Equal("0", Value((YamlMappingNode)checkout["with"], "fetch-depth"));
        var dotnet = Assert.Single(steps, s => Value(s, "uses")?.StartsWith("actions/setup-dotnet@") == true);
        Assert.Equal("10.0.x", Value((YamlMappingNode)dotnet["with"], "dotnet-version"));
        Assert.Contains(steps, s => Value(s, "run") == "dotnet build Infra.sln -warnaserror");
        Assert.Contains(steps, s => Value(s, "run") == "dotnet test Infra.sln");
        Assert.Contains("STACKS: dev prod", text);
        Assert.Contains("diff --base \"origin/$BASE_REF\" \"$stack\"", text);

        var comment = Assert.Single(steps, s => Value(s, "uses")?.StartsWith("actions/github-script@") == true);
        var script = Value((YamlMappingNode)comment["with"], "script")!;
        Assert.Contains("<!-- palisade-diff -->", script);
        Assert.Contains("updateComment", script);
        Assert.Contains("createComment", script);

        var preview = Assert.Single(steps, s => Value(s, "run")?.Contains("pulumi preview --diff") == true);
        Assert.Equal("env.HAS_PULUMI == 'true'", Value(preview, "if"));
        Assert.Contains("HAS_PULUMI: ${{ secrets.PULUMI_ACCESS_TOKEN != '' }}", text);
        Assert.All(steps.Where(s => Value(s, "uses")?.StartsWith("pulumi/actions@") == true || Value(s, "uses")?.Contains("credentials") == true || Value(s, "uses")?.StartsWith("google-github-actions/auth@") == true),
            s => Assert.StartsWith("env.HAS_PULUMI == 'true'", Value(s, "if")));
    }

    [Fact]
    public void The_main_workflow_deploys_dev_only_when_the_token_is_set()
    {
        var workflow = Load("main.yml");
        var steps = Steps(workflow);

        var push = (YamlMappingNode)((YamlMappingNode)workflow["on"])["push"];
        Assert.Equal("main", ((YamlSequenceNode)push["branches"]).Children.Cast<YamlScalarNode>().Single().Value);
        var up = Assert.Single(steps, s => Value(s, "run")?.StartsWith("pulumi up") == true);
        Assert.Equal("env.HAS_PULUMI == 'true'", Value(up, "if"));
        Assert.Contains("dev", Value(up, "run"));
        Assert.Contains("--yes", Value(up, "run"));
        Assert.DoesNotContain(steps, s => Value(s, "run")?.Contains("prod") == true);
    }
}
