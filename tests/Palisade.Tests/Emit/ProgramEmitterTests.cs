using Palisade.Components.Graph;
using Palisade.Infra.Emit;
using YamlDotNet.RepresentationModel;

namespace Palisade.Tests.Emit;

public class ProgramEmitterTests
{
    [Fact]
    public void Resources_are_sorted_and_options_emitted()
    {
        var graph = new ResourceGraph("palisade", "dev");
        var provider = graph.AddResource(graph.Root, "pulumi:providers:kubernetes", "k8s", MapValue.Empty, new ResourceOptions { Version = "4.34.2" });
        var ns = graph.AddResource(graph.Root, "kubernetes:core/v1:Namespace", "zeta-ns",
            new MapBuilder { { "metadata", new MapBuilder { { "name", "zeta" } }.Build() } },
            new ResourceOptions { Provider = provider, Protect = true, RetainOnDelete = true, IgnoreChanges = ["metadata.annotations"] });
        graph.AddResource(graph.Root, "kubernetes:core/v1:ServiceAccount", "alpha-sa", MapValue.Empty,
            new ResourceOptions { Provider = provider, DependsOn = [ns], Parent = ns });

        var yaml = ProgramEmitter.Emit(graph, "test");
        var root = Load(yaml);
        var resources = (YamlMappingNode)root["resources"];

        Assert.Equal(["alpha-sa", "k8s", "zeta-ns"], resources.Children.Keys.Select(k => k.ToString()));
        var zeta = (YamlMappingNode)resources["zeta-ns"];
        var options = (YamlMappingNode)zeta["options"];
        Assert.Equal("${k8s}", options["provider"].ToString());
        Assert.Equal("true", options["protect"].ToString());
        Assert.Equal("true", options["retainOnDelete"].ToString());
        Assert.Equal("metadata.annotations", ((YamlSequenceNode)options["ignoreChanges"]).Children.Single().ToString());
        var alpha = (YamlMappingNode)((YamlMappingNode)resources["alpha-sa"])["options"];
        Assert.Equal("${zeta-ns}", ((YamlSequenceNode)alpha["dependsOn"]).Children.Single().ToString());
        Assert.Equal("${zeta-ns}", alpha["parent"].ToString());
        Assert.Contains("version: \"4.34.2\"", yaml);
    }

    [Fact]
    public void Config_declarations_carry_type_and_secrecy()
    {
        var graph = new ResourceGraph("palisade", "dev");
        graph.UseConfig("kubeconfig", ConfigType.String, null, secret: true);
        graph.UseConfig("replicas", ConfigType.Integer, 2);

        var config = (YamlMappingNode)Load(ProgramEmitter.Emit(graph, "test"))["config"];

        Assert.Equal("string", ((YamlMappingNode)config["kubeconfig"])["type"].ToString());
        Assert.Equal("true", ((YamlMappingNode)config["kubeconfig"])["secret"].ToString());
        Assert.Equal("integer", ((YamlMappingNode)config["replicas"])["type"].ToString());
    }

    private static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
