using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;

namespace Palisade.Tests.Reliability;

/// <summary>The API server's name and label syntax, as the manifest reader (and stack config) apply it.</summary>
public sealed class KubernetesNamesTests
{
    [Theory]
    [InlineData("team-a", true)]
    [InlineData("a", true)]
    [InlineData("0abc9", true)]
    [InlineData("", false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("Team", false)]
    [InlineData("a.b", false)]
    [InlineData("a_b", false)]
    [InlineData("palisade-dev\n", false)]
    public void Namespace_names_are_dns1123_labels(string name, bool valid)
    {
        Assert.Equal(valid, KubernetesNames.IsDns1123Label(name));
        Assert.Equal(valid, KubernetesNames.NamespaceProblem(name) is null);
        Assert.True(KubernetesNames.IsDns1123Label(new string('a', 63)));
        Assert.False(KubernetesNames.IsDns1123Label(new string('a', 64)));
    }

    [Theory]
    [InlineData("app", true)]
    [InlineData("app.kubernetes.io/name", true)]
    [InlineData("a_b.c-D9", true)]
    [InlineData("example.com/A", true)]
    [InlineData("", false)]
    [InlineData("/app", false)]
    [InlineData("Example.com/app", false)]
    [InlineData("a/b/c", false)]
    [InlineData("bad key", false)]
    [InlineData("-app", false)]
    [InlineData("app.", false)]
    [InlineData("example.com/", false)]
    public void Label_keys_are_qualified_names(string key, bool valid)
    {
        Assert.Equal(valid, KubernetesNames.IsQualifiedName(key));
        Assert.Equal(valid, KubernetesNames.LabelKeyProblem(key) is null);
    }

    [Fact]
    public void Label_key_parts_have_their_own_length_limits()
    {
        Assert.True(KubernetesNames.IsQualifiedName(new string('a', 63)));
        Assert.False(KubernetesNames.IsQualifiedName(new string('a', 64)));
        var prefix = string.Join('.', Enumerable.Repeat(new string('a', 63), 4))[..253];
        Assert.True(KubernetesNames.IsQualifiedName($"{prefix}/name"));
        Assert.False(KubernetesNames.IsQualifiedName($"{prefix}a/name"));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("web", true)]
    [InlineData("v1.2_beta-3", true)]
    [InlineData("-web", false)]
    [InlineData("web_", false)]
    [InlineData("a b", false)]
    [InlineData("web\n", false)]
    public void Label_values_are_empty_or_names_of_at_most_63_characters(string value, bool valid)
    {
        Assert.Equal(valid, KubernetesNames.IsLabelValue(value));
        Assert.Equal(valid, KubernetesNames.LabelValueProblem("app", value) is null);
        Assert.False(KubernetesNames.IsLabelValue(new string('a', 64)));
    }

    [Fact]
    public void Excerpts_cut_huge_values_and_escape_control_characters()
    {
        Assert.Equal("'web'", Excerpt.Quote("web"));
        Assert.Equal("'palisade-dev\\n'", Excerpt.Quote("palisade-dev\n"));
        var quoted = Excerpt.Quote(new string('x', 1_000_000));
        Assert.Equal($"'{new string('x', 77)}...' (1,000,000 characters)", quoted);
    }
}
