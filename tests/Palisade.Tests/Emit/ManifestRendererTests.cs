using Palisade.Components.Graph;
using Palisade.Infra.Emit;

namespace Palisade.Tests.Emit;

public class ManifestRendererTests
{
    [Fact]
    public void Objects_are_grouped_per_namespace_with_the_namespace_first()
    {
        var graph = new ResourceGraph("palisade", "dev");
        var ns = graph.AddResource(graph.Root, "kubernetes:core/v1:Namespace", "web-ns",
            new MapBuilder { { "metadata", new MapBuilder { { "name", "web" } }.Build() } });
        graph.AddResource(graph.Root, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "web-deny",
            new MapBuilder
            {
                { "metadata", new MapBuilder { { "name", "deny" }, { "namespace", ns.Output("metadata.name", "web") } }.Build() },
                { "spec", new MapBuilder { { "podSelector", MapValue.Empty } }.Build() },
            });
        graph.AddResource(graph.Root, "kubernetes:core/v1:ServiceAccount", "web-sa",
            new MapBuilder { { "metadata", new MapBuilder { { "name", "api" }, { "namespace", ns.Output("metadata.name", "web") } }.Build() } });
        graph.AddResource(graph.Root, "pulumi:providers:kubernetes", "k8s", MapValue.Empty);
        graph.AddResource(graph.Root, "kubernetes:helm.sh/v3:Release", "chart", MapValue.Empty);

        var files = ManifestRenderer.Render(graph);

        var text = Assert.Single(files, f => f.Key == "manifests/web.yaml").Value;
        Assert.Single(files);
        var kinds = text.Split('\n').Where(l => l.StartsWith("kind: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["kind: Namespace", "kind: ServiceAccount", "kind: NetworkPolicy"], kinds);
        Assert.Contains("apiVersion: networking.k8s.io/v1", text);
        Assert.Contains("apiVersion: v1", text);
        Assert.Contains("namespace: web", text);
        Assert.DoesNotContain("${", text);
    }

    [Fact]
    public void Unknown_outputs_become_placeholders_and_secrets_are_never_written()
    {
        var graph = new ResourceGraph("palisade", "dev");
        var role = graph.AddResource(graph.Root, "aws:iam/role:Role", "api-role", MapValue.Empty);
        var secret = graph.UseConfig("token", ConfigType.String, "s3cr3t", secret: true);
        graph.AddResource(graph.Root, "kubernetes:core/v1:ServiceAccount", "sa",
            new MapBuilder
            {
                {
                    "metadata", new MapBuilder
                    {
                        { "name", "api" },
                        { "namespace", "web" },
                        { "annotations", new MapBuilder { { "eks.amazonaws.com/role-arn", role.Output("arn") }, { "token", secret } }.Build() },
                    }.Build()
                },
            });

        var text = ManifestRenderer.Render(graph)["manifests/web.yaml"];

        Assert.Contains("<known after deploy: api-role.arn>", text);
        Assert.Contains("<secret config: token>", text);
        Assert.DoesNotContain("s3cr3t", text);
    }
}
