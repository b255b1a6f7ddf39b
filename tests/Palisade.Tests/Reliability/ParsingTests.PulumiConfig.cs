using Palisade.Components.Diagnostics;
using Palisade.Stacks.Config;
using Palisade.Tests.Support;
using static Palisade.Tests.Reliability.ParsingTestSupport;

namespace Palisade.Tests.Reliability;

/// <summary>PULUMI_CONFIG, the JSON the Pulumi YAML host passes to the compiler entry.</summary>
public sealed class PulumiConfigParsingTests
{
    private static InputError Refused(string json) => Assert.Throws<InputError>(() => StackConfigParser.ParseEnvironment("dev", json));

    [Theory]
    [InlineData("[1]", "a JSON list")]
    [InlineData("null", "a JSON null")]
    [InlineData("\"hello\"", "a JSON string ('hello')")]
    [InlineData("1", "a JSON number ('1')")]
    [InlineData("true", "a JSON boolean")]
    public void Anything_but_a_json_object_is_refused(string json, string what)
    {
        var error = Refused(json);

        Assert.Equal("PULUMI_CONFIG", error.Location);
        Assert.Equal($"the variable holds {what}, not an object of config keys", error.Problem);
    }

    [Fact]
    public void Duplicate_keys_are_refused_at_the_top_and_inside_json_encoded_values()
    {
        var top = Refused("""{"palisade:cloud": "aws", "palisade:cloud": "gcp"}""");
        Assert.Equal("PULUMI_CONFIG: key palisade:cloud", top.Location);
        Assert.Equal("the key 'palisade:cloud' appears twice in this object", top.Problem);

        var nested = Refused("""{"palisade:tags": "{\"team\": \"a\", \"team\": \"b\"}"}""");
        Assert.Equal("PULUMI_CONFIG: key palisade:tags.team", nested.Location);
    }

    [Fact]
    public void Depth_is_bounded_for_the_variable_and_for_json_encoded_values()
    {
        var whole = Refused(new string('[', 100_000) + new string(']', 100_000));
        Assert.Contains("nests more than 64 levels deep", whole.Problem, StringComparison.Ordinal);

        var deep = new string('[', 100) + new string(']', 100);
        var nested = Refused($$"""{"palisade:apps": "{{deep}}"}""");
        Assert.Equal("PULUMI_CONFIG: key palisade:apps", nested.Location);
        Assert.Contains("nests more than 64 levels deep", nested.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Size_lone_surrogates_and_syntax_errors_are_refused_with_a_position()
    {
        Assert.Contains("more than the 1 MiB PULUMI_CONFIG may have",
            Refused($$"""{"palisade:x": "{{new string('a', 1024 * 1024)}}"}""").Problem, StringComparison.Ordinal);
        Assert.Equal("PULUMI_CONFIG: key palisade:apps", Refused("""{"palisade:apps": "\ud800"}""").Location);
        var syntax = Refused("""{"palisade:apps": "[]"} x""");
        Assert.Equal("PULUMI_CONFIG: line 1, column 25", syntax.Location);
        Assert.StartsWith("the text is not valid JSON", syntax.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_encoded_lists_are_decoded_and_a_string_that_only_looks_like_json_stays_a_string()
    {
        var json = Palisade.Tests.Cli.CompileVerbTests.EngineConfig(Path.Combine(RepoPaths.Root, "Pulumi.dev.yaml"));
        var config = StackConfigParser.ParseEnvironment("dev", json[..^1] + ""","aws:profile":"[not json"}""");

        Assert.Equal(["voting", "govtech"], Assert.IsType<ConfigList>(config.Values["palisade:apps"]).Items.Select(i => ((ConfigScalar)i).Text));
        Assert.Equal("[not json", Assert.IsType<ConfigScalar>(config.Values["aws:profile"]).Text);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"hello\"")]
    [InlineData("{\"a\": 1, \"a\": 2}")]
    [InlineData("{\"palisade:tags\": \"{\\\"a\\\": 1, \\\"a\\\": 2}\"}")]
    public void The_compile_verb_turns_each_into_one_error_line_and_exit_2(string json)
    {
        using var project = TestProject.WithRepoStacks();
        var environment = new Dictionary<string, string> { ["PULUMI_STACK"] = "dev", ["PULUMI_CONFIG"] = json };

        var code = Palisade.Infra.Cli.CompileVerb.Run(project.Context(environment));

        Assert.StartsWith("error: PULUMI_CONFIG", AssertOneErrorLine(code, project.Error.ToString()), StringComparison.Ordinal);
        Assert.Empty(project.Out.ToString());
    }
}
