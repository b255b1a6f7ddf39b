using Palisade.Components.Graph;

namespace Palisade.Tests.Graph;

public class ResourceGraphTests
{
    [Fact]
    public void Resources_are_children_of_the_component_that_declared_them()
    {
        var graph = new ResourceGraph("palisade", "dev");
        var component = graph.AddComponent(graph.Root, "palisade:test:Thing", "thing");
        var resource = graph.AddResource(component, "kubernetes:core/v1:Namespace", component.ChildName("ns"), MapValue.Empty);

        Assert.Equal("thing-ns", resource.LogicalName);
        Assert.Same(component, resource.Component);
        Assert.Equal([resource], graph.Root.Children.OfType<Component>().Single().DescendantResources());
        Assert.Equal("palisade-dev", graph.Root.Name);
    }

    [Fact]
    public void A_logical_name_collision_is_an_error_naming_both_sides()
    {
        var graph = new ResourceGraph("palisade", "dev");
        graph.AddResource(graph.Root, "kubernetes:core/v1:Namespace", "app-ns", MapValue.Empty);

        var error = Assert.Throws<GraphException>(() =>
            graph.AddResource(graph.Root, "kubernetes:core/v1:ServiceAccount", "app-ns", MapValue.Empty));

        Assert.Contains("'app-ns'", error.Message);
        Assert.Contains("kubernetes:core/v1:Namespace", error.Message);
    }

    [Fact]
    public void Resources_variables_and_config_share_one_namespace()
    {
        var graph = new ResourceGraph("palisade", "dev");
        graph.UseConfig("region", ConfigType.String, "eu-west-1");

        Assert.Throws<GraphException>(() => graph.AddVariable("region", "x"));
        Assert.Throws<GraphException>(() => graph.AddResource(graph.Root, "aws:s3/bucket:Bucket", "region", MapValue.Empty));
    }

    [Theory]
    [InlineData("has.dot")]
    [InlineData("1starts-with-digit")]
    [InlineData("")]
    [InlineData("pulumi")]
    [InlineData("space name")]
    public void Invalid_logical_names_are_rejected(string name)
    {
        var graph = new ResourceGraph("palisade", "dev");
        Assert.Throws<GraphException>(() => graph.AddResource(graph.Root, "kubernetes:core/v1:Namespace", name, MapValue.Empty));
    }

    [Fact]
    public void Secret_config_references_never_carry_the_value()
    {
        var graph = new ResourceGraph("palisade", "dev");
        var reference = graph.UseConfig("kubeconfig", ConfigType.String, "plaintext", secret: true);

        Assert.Null(reference.Known);
        Assert.True(graph.Config["kubeconfig"].Secret);
    }

    [Fact]
    public void Declaring_the_same_config_key_with_another_type_is_an_error()
    {
        var graph = new ResourceGraph("palisade", "dev");
        graph.UseConfig("replicas", ConfigType.Integer, 2);

        Assert.Throws<GraphException>(() => graph.UseConfig("replicas", ConfigType.String, "2"));
    }

    [Fact]
    public void Package_is_taken_from_the_type_token()
    {
        var graph = new ResourceGraph("palisade", "dev");
        var provider = graph.AddResource(graph.Root, "pulumi:providers:kubernetes", "k8s", MapValue.Empty);
        var ns = graph.AddResource(graph.Root, "kubernetes:core/v1:Namespace", "ns", MapValue.Empty);

        Assert.Equal("kubernetes", provider.Package);
        Assert.True(provider.IsProvider);
        Assert.Equal("kubernetes", ns.Package);
        Assert.False(ns.IsProvider);
    }
}
