using System.Text.Json;
using Palisade.Infra.Diff;
using Palisade.Tests.Support;

namespace Palisade.Tests.Diff;

/// <summary>Markdown and JSON of a diff with every kind of change, against golden files (tests/Palisade.Tests/Golden/diff).</summary>
public class DiffRenderingTests
{
    [Fact]
    public void The_fixture_diff_has_every_kind_of_change()
    {
        var diff = DiffFixtures.Diff();

        Assert.Equal(
            [
                ("api-ns", ResourceAction.Update), ("api-policy", ResourceAction.Update), ("cache-sa", ResourceAction.Add),
                ("k8s", ResourceAction.Update), ("legacy-sa", ResourceAction.Delete), ("web-policy", ResourceAction.Replace),
            ],
            diff.Resources.Select(r => (r.Name, r.Action)));
        Assert.Equal(2, diff.Opened.Count);
        Assert.Single(diff.Closed);
        Assert.Equal(CheckChangeKind.Broken, Assert.Single(diff.Checks).Kind);
    }

    [Fact]
    public void Markdown_matches_the_golden_file()
    {
        var markdown = DiffMarkdownRenderer.Render(DiffFixtures.Diff());

        Assert.StartsWith(DiffMarkdownRenderer.Marker + "\n", markdown);
        Assert.Contains("**1 to add, 3 to change, 1 to replace, 1 to delete** · connections: 2 opened, 1 closed · checks: 1 changed", markdown);
        Assert.DoesNotContain("${palisade:kubeconfig}", markdown);
        Golden.AssertMatches("diff/fixture.md", markdown);
    }

    [Fact]
    public void Json_matches_the_golden_file_and_is_one_object_with_sorted_keys()
    {
        var json = DiffJsonRenderer.Render(DiffFixtures.Diff());

        using var document = JsonDocument.Parse(json);
        AssertSortedKeys(document.RootElement);
        Assert.DoesNotContain("${palisade:kubeconfig}", json);
        Golden.AssertMatches("diff/fixture.json", json);
    }

    [Fact]
    public void A_long_value_folds_in_markdown_and_is_complete_in_json()
    {
        var value = string.Concat(Enumerable.Range(0, 40).Select(i => $"segment-{i:D2}-"));
        var program = $"resources:\n  cm:\n    type: kubernetes:core/v1:ConfigMap\n    properties:\n      data:\n        long: {value}\n";
        var before = DiffFixtures.Side("base", program.Replace(value, "short"), DiffFixtures.BaseConnectivity, DiffFixtures.BaseChecks);
        var after = DiffFixtures.Side("head", program, DiffFixtures.BaseConnectivity, DiffFixtures.BaseChecks);
        var diff = StackDiff.Compare(before, after);

        var markdown = DiffMarkdownRenderer.Render(diff);
        Assert.DoesNotContain("…", markdown);
        var row = Assert.Single(markdown.Split('\n'), l => l.StartsWith("| `properties.data.long`", StringComparison.Ordinal));
        var cell = row.Split(" | ")[2].TrimEnd(' ', '|').Split("<br>");
        Assert.True(cell.Length > 1);
        Assert.Equal(value, string.Concat(cell.Select(c => c.Trim('`'))));
        Assert.All(cell, c => Assert.True(c.Length <= DiffMarkdownRenderer.FoldWidth + 2));

        using var json = JsonDocument.Parse(DiffJsonRenderer.Render(diff));
        Assert.Contains(value, json.RootElement.GetRawText());
    }

    [Fact]
    public void No_changes_is_said_explicitly_in_markdown_and_gives_empty_arrays_in_json()
    {
        var side = DiffFixtures.Side("the working tree", DiffFixtures.BaseProgram, DiffFixtures.BaseConnectivity, DiffFixtures.BaseChecks);
        var diff = StackDiff.Compare(side, side);

        var markdown = DiffMarkdownRenderer.Render(diff);
        Assert.Contains("No changes: the resources, the connectivity and the checks are the same.", markdown);
        Assert.Contains("**0 to add, 0 to change, 0 to replace, 0 to delete**", markdown);

        using var json = JsonDocument.Parse(DiffJsonRenderer.Render(diff));
        Assert.Equal(0, json.RootElement.GetProperty("resources").GetArrayLength());
        Assert.Equal(0, json.RootElement.GetProperty("checks").GetArrayLength());
        Assert.Equal(0, json.RootElement.GetProperty("connectivity").GetProperty("opened").GetArrayLength());
        Assert.Equal(0, json.RootElement.GetProperty("connectivity").GetProperty("closed").GetArrayLength());
    }

    [Fact]
    public void An_output_of_an_older_version_without_checks_is_compared_without_them_and_says_so()
    {
        var old = new DiffSide("dev", "v1 (abc)", new Dictionary<string, string>
        {
            [DiffSide.ProgramFile] = DiffFixtures.BaseProgram,
            [DiffSide.ConnectivityFile] = DiffFixtures.BaseConnectivity,
        });
        var head = DiffFixtures.Side("the working tree", DiffFixtures.BaseProgram, DiffFixtures.BaseConnectivity, DiffFixtures.HeadChecks);

        var diff = StackDiff.Compare(old, head);

        Assert.Empty(diff.Checks);
        Assert.False(diff.ChecksCompared);
        Assert.Contains("checks not compared: v1 (abc) has no analysis/checks.json", Assert.Single(diff.Notes));
        Assert.Contains("No changes: the resources and the connectivity are the same.", DiffMarkdownRenderer.Render(diff));
    }

    private static void AssertSortedKeys(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = element.EnumerateObject().Select(p => p.Name).ToList();
                Assert.Equal(names.Order(StringComparer.Ordinal), names);
                foreach (var property in element.EnumerateObject())
                {
                    AssertSortedKeys(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    AssertSortedKeys(item);
                }

                break;
        }
    }
}
