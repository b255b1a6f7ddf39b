using Palisade.Components.Graph;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Composition;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

internal sealed partial record ExistingCluster
{
    public override StackCluster Compose(ResourceGraph graph, StackPlatform platform)
    {
        var properties = new MapBuilder();
        if (HasKubeconfig)
        {
            properties.Add("kubeconfig", graph.UseConfig(ConfigSchema.Kubeconfig.Name, ConfigType.String, null, secret: true));
        }

        if (KubeContext is { } context)
        {
            properties.Add("context", context.In(graph));
        }

        return new StackCluster(ClusterProvider.FromProperties(graph, graph.Root, properties), null, null);
    }
}
