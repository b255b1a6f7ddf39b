using Palisade.Components.Diagnostics;
using Palisade.Stacks.Config;

namespace Palisade.Tests.Stacks;

public class StackConfigTests
{
    private static StackConfig Parse(string yaml) => StackConfigParser.ParseFile("dev", "Pulumi.dev.yaml", yaml);

    [Fact]
    public void A_valid_file_gives_typed_values()
    {
        var config = Parse("""
            config:
              palisade:apps:
                - voting
              palisade:kubeContext: dev
              palisade:kubeconfig:
                secure: AAABAJ1
              aws:region: eu-west-1
            """);

        Assert.Equal(["voting"], config.StringList(ConfigSchema.Apps));
        Assert.Equal("dev", config.String(ConfigSchema.KubeContext));
        Assert.True(config.IsSecret(ConfigSchema.Kubeconfig));
        Assert.True(config.Values.ContainsKey("aws:region"));
    }

    [Fact]
    public void A_comma_separated_list_is_accepted()
    {
        var config = Parse("config:\n  palisade:apps: voting, shop\n");
        Assert.Equal(["voting", "shop"], config.StringList(ConfigSchema.Apps));
    }

    [Fact]
    public void A_missing_required_key_names_file_and_key()
    {
        var error = Assert.Throws<InputError>(() => Parse("config:\n  palisade:kubeContext: dev\n"));

        Assert.Equal("Pulumi.dev.yaml: palisade:apps", error.Location);
        Assert.Contains("missing", error.Problem);
    }

    [Fact]
    public void A_mistyped_key_is_rejected_with_a_suggestion()
    {
        var error = Assert.Throws<InputError>(() => Parse("config:\n  palisade:apps: [voting]\n  palisade:kubeContxt: dev\n"));

        Assert.Equal("Pulumi.dev.yaml: palisade:kubeContxt", error.Location);
        Assert.Contains("unknown config key", error.Problem);
        Assert.Contains("Did you mean palisade:kubeContext?", error.Fix);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_rejected()
    {
        var error = Assert.Throws<InputError>(() => Parse("config:\n  palisade:apps:\n    nested: map\n"));

        Assert.Equal("Pulumi.dev.yaml: palisade:apps", error.Location);
        Assert.Contains("expected a list of strings", error.Problem);
    }

    [Fact]
    public void A_secret_key_in_plain_text_is_rejected()
    {
        var error = Assert.Throws<InputError>(() => Parse("config:\n  palisade:apps: [voting]\n  palisade:kubeconfig: /home/me/.kube/config\n"));

        Assert.Contains("plain text", error.Problem);
        Assert.Contains("--secret", error.Fix);
    }

    [Fact]
    public void Broken_yaml_names_the_line()
    {
        var error = Assert.Throws<InputError>(() => Parse("config:\n  palisade:apps: [voting\n"));
        Assert.StartsWith("Pulumi.dev.yaml: line", error.Location);
    }

    [Fact]
    public void Engine_config_is_read_from_json_strings_and_secrets_are_dropped()
    {
        var config = StackConfigParser.ParseEnvironment("dev",
            """{"palisade:apps":"[\"voting\"]","palisade:kubeContext":"dev","palisade:kubeconfig":"apiVersion: v1","aws:region":"eu-west-1"}""");

        Assert.Equal("PULUMI_CONFIG", config.Source);
        Assert.Equal(["voting"], config.StringList(ConfigSchema.Apps));
        Assert.True(config.IsSecret(ConfigSchema.Kubeconfig));
        Assert.DoesNotContain(config.Values.Values, v => v is ConfigScalar { Text: "apiVersion: v1" });
    }
}
