using Palisade.Components.Graph;
using Palisade.Infra.Emit;

namespace Palisade.Tests.Emit;

public class ProgramValuesTests
{
    private static readonly ResourceGraph Graph = new("palisade", "dev");
    private static readonly Resource Role = Graph.AddResource(Graph.Root, "aws:iam/role:Role", "api-role", MapValue.Empty);

    [Fact]
    public void Literal_dollars_are_doubled_so_they_are_never_interpolated()
    {
        var node = (YamlScalar)ProgramValues.ToYaml("cost $5 and ${not-a-ref}");
        Assert.Equal("cost $$5 and $${not-a-ref}", node.Text);
    }

    [Fact]
    public void References_become_interpolations()
    {
        Assert.Equal("${api-role}", ((YamlScalar)ProgramValues.ToYaml(Role.Self)).Text);
        Assert.Equal("${api-role.arn}", ((YamlScalar)ProgramValues.ToYaml(Role.Output("arn"))).Text);
        Assert.Equal("${region}", ((YamlScalar)ProgramValues.ToYaml(new ConfigRef("region"))).Text);
        Assert.Equal("${issuerHost}", ((YamlScalar)ProgramValues.ToYaml(new VariableRef("issuerHost"))).Text);
    }

    [Fact]
    public void Interpolations_join_literals_and_references()
    {
        var value = Interpolation.Of("arn:$", Role.Output("arn"), ":sub");
        Assert.Equal("arn:$$${api-role.arn}:sub", ((YamlScalar)ProgramValues.ToYaml(value)).Text);
    }

    [Fact]
    public void Functions_become_fn_mappings()
    {
        var node = (YamlMapping)ProgramValues.ToYaml(new FunctionCall("toJSON", new MapBuilder { { "Version", "2012-10-17" } }.Build()));
        Assert.Equal("fn::toJSON", node.Entries.Single().Key);
        Assert.Equal("fn::toJSON:\n  Version: \"2012-10-17\"\n", YamlWriter.Write(node));
    }

    [Fact]
    public void Numbers_and_booleans_keep_their_type()
    {
        Assert.Equal(ScalarKind.Number, ((YamlScalar)ProgramValues.ToYaml(443)).Kind);
        Assert.Equal("false", ((YamlScalar)ProgramValues.ToYaml(false)).Text);
    }
}
