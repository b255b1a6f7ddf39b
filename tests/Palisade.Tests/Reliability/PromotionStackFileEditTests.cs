using Palisade.Components.Diagnostics;
using Palisade.Infra.Promotion;
using YamlDotNet.RepresentationModel;

namespace Palisade.Tests.Reliability;

/// <summary>
/// The stack-file edit promote makes: YAML-aware splicing that keeps everything it does not set, refuses what it
/// cannot edit safely, and never returns text that does not read back as the original plus the promotion keys.
/// </summary>
public class PromotionStackFileEditTests
{
    private static readonly Dictionary<string, string> Promotion = new()
    {
        ["palisade:promoteFrom"] = "dev",
        ["palisade:promotedDigest"] = "sha256:0123abcd",
        ["palisade:promotedRevision"] = "0a1b2c3d4e5f",
    };

    /// <summary>Top-level keys, and the config mapping as key to scalar text (or the node's YAML for collections).</summary>
    private static (List<string> TopLevel, List<KeyValuePair<string, string>> Config) Read(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        Assert.Single(stream.Documents);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var top = root.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
        Assert.Single(top, k => k == "config");
        var config = root.Children[new YamlScalarNode("config")] as YamlMappingNode;
        var entries = config?.Children.Select(e => new KeyValuePair<string, string>(((YamlScalarNode)e.Key).Value!, e.Value is YamlScalarNode s ? s.Value ?? "" : e.Value.ToString())).ToList() ?? [];
        return (top, entries);
    }

    private static void AssertPromoted(string edited, IReadOnlyList<KeyValuePair<string, string>> originalConfig)
    {
        var (_, config) = Read(edited);
        foreach (var (key, value) in Promotion)
        {
            Assert.Equal(value, Assert.Single(config, e => e.Key == key).Value);
        }

        var kept = config.Where(e => !Promotion.ContainsKey(e.Key)).ToList();
        Assert.Equal(originalConfig.Where(e => !Promotion.ContainsKey(e.Key)), kept);
    }

    [Theory]
    [InlineData("comment after config", "# prod\nconfig: # settings for prod\n  aws:region: us-east-1 # the region\n  palisade:apps: [voting]\n")]
    [InlineData("comment lines inside config", "config:\n  # first\n  aws:region: us-east-1\n  # last, indented\n# top-level comment\n")]
    [InlineData("no final newline", "config:\n  aws:region: us-east-1")]
    [InlineData("nested mapping last", "config:\n  aws:region: us-east-1\n  palisade:tags:\n    team: a\n    owner: b\n\n# end\nencryptionsalt: v1:abc\n")]
    [InlineData("block list last", "config:\n  palisade:apps:\n  - voting\n  - govtech\nsecretsprovider: passphrase\n")]
    [InlineData("literal block last", "config:\n  palisade:note: |\n    line one\n    line two\n\n\nsecretsprovider: passphrase\n")]
    [InlineData("four-space indentation", "config:\n    aws:region: us-east-1\n    palisade:apps:\n        - voting\n")]
    [InlineData("config not first", "encryptionsalt: v1:abc\nconfig:\n  aws:region: us-east-1\n")]
    [InlineData("flow config", "config: {aws:region: us-east-1, palisade:apps: [voting]}\n")]
    [InlineData("multi-line flow config with a trailing comma", "config: {\n  aws:region: us-east-1,\n  palisade:apps: [voting],\n}\n")]
    [InlineData("empty flow config", "config: {}\n")]
    [InlineData("empty config", "config:\nencryptionsalt: v1:abc\n")]
    [InlineData("empty config with a comment", "config: # nothing yet\n")]
    [InlineData("null config", "config: ~\n")]
    [InlineData("absent config", "encryptionsalt: v1:abc\n")]
    [InlineData("empty file", "")]
    [InlineData("comments only", "# nothing\n")]
    [InlineData("explicit document markers", "---\nconfig:\n  aws:region: us-east-1\n...\n")]
    [InlineData("secure values and anchors", "config:\n  palisade:kubeconfig:\n    secure: AAABAJ1\n  a: &x one\n  b: *x\n")]
    [InlineData("characters outside the BMP before config", "# 😀 prod 🚀\nconfig:\n  palisade:domain: \"é.example.com\" # ✓\n")]
    [InlineData("keys already present, every style", "config:\n  palisade:promotedDigest: 'sha256:old'\n  palisade:promotedRevision: \"old\"\n  palisade:promoteFrom: staging # was staging\n  aws:region: us-east-1\n")]
    [InlineData("key present with an empty value", "config:\n  palisade:promotedDigest:\n  aws:region: us-east-1\n")]
    [InlineData("key present as a block scalar", "config:\n  palisade:promotedRevision: >-\n    old\n\n  aws:region: us-east-1\n")]
    [InlineData("key present as an alias", "config:\n  a: &r sha\n  palisade:promotedRevision: *r\n")]
    [InlineData("key present with a tag", "config:\n  palisade:promotedRevision: !!str old\n")]
    [InlineData("quoted keys present", "config:\n  \"palisade:promotedDigest\": sha256:old\n  'palisade:promoteFrom': dev\n")]
    public void Every_shape_of_stack_file_is_edited_into_one_that_parses_with_the_keys_set_and_everything_else_kept(string shape, string text)
    {
        var original = text.Length == 0 || !text.Contains("config") ? [] : Read(text).Config;

        var edited = StackFileEditor.Set(text, Promotion);

        AssertPromoted(edited, original);
        Assert.True(edited.Length > 0, shape);
        foreach (var comment in text.Split('\n').Select(l => l.IndexOf('#') is var i and >= 0 ? l[i..] : null).OfType<string>())
        {
            Assert.Contains(comment, edited);
        }
    }

    [Fact]
    public void Only_the_lines_of_the_promotion_keys_change_and_quoting_styles_stay()
    {
        const string text = "# prod\nconfig:\n  aws:region: us-east-1   # keep my spacing\n  palisade:promotedDigest: 'sha256:old'\n  palisade:kubernetesVersion: \"1.33\"\n  palisade:promotedRevision: \"abc\"\n  palisade:nodeMaxSize: 6\n";

        var edited = StackFileEditor.Set(text, Promotion);

        Assert.Equal(
            "# prod\nconfig:\n  aws:region: us-east-1   # keep my spacing\n  palisade:promotedDigest: 'sha256:0123abcd'\n  palisade:kubernetesVersion: \"1.33\"\n" +
            "  palisade:promotedRevision: \"0a1b2c3d4e5f\"\n  palisade:nodeMaxSize: 6\n  palisade:promoteFrom: dev\n",
            edited);
    }

    [Fact]
    public void A_crlf_file_stays_crlf()
    {
        var text = "# prod\r\nconfig: # c\r\n  aws:region: us-east-1\r\n  palisade:promotedDigest: sha256:old\r\n";

        var edited = StackFileEditor.Set(text, Promotion);

        Assert.Equal(edited.Split('\n').Length - 1, edited.Split("\r\n").Length - 1);
        Assert.Contains("  palisade:promotedDigest: sha256:0123abcd\r\n", edited);
        Assert.EndsWith("  palisade:promoteFrom: dev\r\n  palisade:promotedRevision: \"0a1b2c3d4e5f\"\r\n", edited);
    }

    [Fact]
    public void Flow_style_config_is_rewritten_in_place_with_quoted_values()
    {
        var edited = StackFileEditor.Set("config: {aws:region: us-east-1, palisade:promoteFrom: staging}\n", Promotion);

        Assert.Equal("config: {aws:region: us-east-1, palisade:promoteFrom: dev, palisade:promotedDigest: \"sha256:0123abcd\", palisade:promotedRevision: \"0a1b2c3d4e5f\"}\n", edited);
    }

    [Fact]
    public void When_every_value_is_already_set_the_text_is_returned_unchanged()
    {
        var once = StackFileEditor.Set("config: # c\n  aws:region: us-east-1\n", Promotion);

        Assert.Same(once, StackFileEditor.Set(once, Promotion));
    }

    [Fact]
    public void A_value_that_another_reader_would_take_for_a_number_is_rewritten_quoted()
    {
        var edited = StackFileEditor.Set("config:\n  palisade:promotedRevision: 1234567\n", new Dictionary<string, string> { ["palisade:promotedRevision"] = "1234567" });

        Assert.Equal("config:\n  palisade:promotedRevision: \"1234567\"\n", edited);
    }

    [Fact]
    public void A_null_value_removes_the_key_line_and_nothing_else()
    {
        var edited = StackFileEditor.Edit("config:\n  a: b\n  palisade:promotedRevision: old # note\n  c: d\n",
            new Dictionary<string, string?> { ["palisade:promotedRevision"] = null }, "Pulumi.prod.yaml");

        Assert.Equal("config:\n  a: b\n  c: d\n", edited);
    }

    [Theory]
    [InlineData("config:\n  - a\n", "`config` is not a mapping")]
    [InlineData("config: text\n", "`config` is not a mapping")]
    [InlineData("- config\n", "its top level is not a mapping")]
    [InlineData("config:\n  palisade:promotedDigest:\n    secure: AAAB\n", "is not a plain value")]
    [InlineData("config:\n  palisade:promotedDigest: [a]\n", "is not a plain value")]
    [InlineData("config:\n  palisade:promotedDigest: a\n  palisade:promotedDigest: b\n", "appears more than once")]
    [InlineData("config:\n  a: b\nconfig:\n  c: d\n", "more than one `config:` key")]
    [InlineData("config:\n  a: b\n---\nconfig:\n  c: d\n", "more than one YAML document")]
    [InlineData("config:\n  a: [b\n", "does not parse as YAML")]
    [InlineData("{encryptionsalt: x}\n", "flow style")]
    [InlineData("config: *nothing\n", "`config` is not a mapping")]
    [InlineData("config:\n  : us-east-1\n  a: b\n", "a mapping entry without a key or a value")]
    [InlineData("config:\n  palisade:promotedDigest: [sha256:5fe2\n  palisade:promotedRevision: d56d\n\n", "does not parse as YAML")]
    public void What_cannot_be_edited_safely_is_refused_with_where_and_why(string text, string reason)
    {
        var error = Assert.Throws<InputError>(() => StackFileEditor.Set(text, Promotion, "Pulumi.prod.yaml"));

        Assert.StartsWith("Pulumi.prod.yaml: ", error.Message);
        Assert.Contains(reason, error.Message);
        Assert.Contains("Nothing was written.", error.Message);
    }

    [Theory]
    [InlineData("config: {a: b, palisade:promotedRevision: old, c: d}\n", "config: {a: b, c: d}\n")]
    [InlineData("config: {a: b, palisade:promotedRevision: old}\n", "config: {a: b}\n")]
    [InlineData("config: {palisade:promotedRevision: old}\n", "config: {}\n")]
    public void A_key_is_removed_from_a_flow_mapping_with_its_comma(string text, string expected)
    {
        Assert.Equal(expected, StackFileEditor.Edit(text, new Dictionary<string, string?> { ["palisade:promotedRevision"] = null }, "Pulumi.prod.yaml"));
    }

    [Fact]
    public void Removing_a_key_that_shares_its_line_is_refused()
    {
        var error = Assert.Throws<InputError>(() => StackFileEditor.Edit("config:\n  ? palisade:promotedRevision\n  : old\n",
            new Dictionary<string, string?> { ["palisade:promotedRevision"] = null }, "Pulumi.prod.yaml"));

        Assert.Contains("cannot be removed safely", error.Message);
    }
}
