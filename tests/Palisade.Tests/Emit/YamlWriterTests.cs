using Palisade.Infra.Emit;
using YamlDotNet.RepresentationModel;

namespace Palisade.Tests.Emit;

public class YamlWriterTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("False")]
    [InlineData("yes")]
    [InlineData("off")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("10")]
    [InlineData("4.34.2")]
    [InlineData("2012-10-17")]
    [InlineData("0x1F")]
    [InlineData("*")]
    [InlineData("-dash")]
    [InlineData("has space")]
    [InlineData("ends:")]
    [InlineData("a: b")]
    [InlineData("#comment")]
    [InlineData("")]
    public void Strings_another_reader_could_misread_are_quoted(string text)
    {
        var yaml = YamlWriter.Write(YamlMapping.Of(("k", new YamlScalar(text))));

        Assert.StartsWith("k: \"", yaml);
        Assert.Equal(text, ReadBack(yaml));
    }

    [Theory]
    [InlineData("kubernetes:networking.k8s.io/v1:NetworkPolicy")]
    [InlineData("${voting-api-ns.metadata.name}")]
    [InlineData("app.kubernetes.io/name")]
    [InlineData("fn::toJSON")]
    public void Safe_strings_stay_plain(string text)
    {
        var yaml = YamlWriter.Write(YamlMapping.Of(("k", new YamlScalar(text))));
        Assert.Equal($"k: {text}\n", yaml);
    }

    [Fact]
    public void Control_characters_and_quotes_are_escaped_and_round_trip()
    {
        const string text = "line1\nline2\t\"quoted\" back\\slash \u0001";
        var yaml = YamlWriter.Write(YamlMapping.Of(("k", new YamlScalar(text))));

        Assert.Equal(text, ReadBack(yaml));
        Assert.DoesNotContain('\n', yaml.TrimEnd('\n'));
    }

    [Fact]
    public void Nested_structures_are_written_in_block_style()
    {
        var document = YamlMapping.Of(
            ("list", new YamlSequence([
                YamlMapping.Of(("a", new YamlScalar("1", ScalarKind.Number)), ("b", new YamlSequence([new YamlScalar("x")]))),
                new YamlScalar("plain"),
            ])),
            ("empty", YamlMapping.Of()),
            ("none", new YamlSequence([])));

        var yaml = YamlWriter.Write(document);

        Assert.Equal("list:\n  - a: 1\n    b:\n      - x\n  - plain\nempty: {}\nnone: []\n", yaml);
    }

    [Fact]
    public void Documents_are_separated()
    {
        var yaml = YamlWriter.WriteDocuments([YamlMapping.Of(("a", new YamlScalar("x"))), YamlMapping.Of(("b", new YamlScalar("z")))]);
        Assert.Equal("a: x\n---\nb: z\n", yaml);
    }

    private static string ReadBack(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return ((YamlScalarNode)root.Children[new YamlScalarNode("k")]).Value!;
    }
}
