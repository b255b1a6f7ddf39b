using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Apps;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Composition;

/// <summary>
/// Composes a stack from its config: the Kubernetes provider, the platform peers, and every configured app.
/// Pure: config in, graph out.
/// </summary>
public static class StackComposer
{
    public const string KubernetesVersion = "4.34.2";
    public const string DefaultIngressNamespace = "ingress-nginx";

    public static SynthesizedStack Compose(StackConfig config)
    {
        var graph = new ResourceGraph(ConfigSchema.Project, config.Stack);
        var platform = Platform(config);
        var provider = KubernetesProvider(graph, config);

        var apps = new List<TieredApp>();
        foreach (var name in config.StringList(ConfigSchema.Apps))
        {
            var spec = AppCatalog.Find(name) ?? throw config.Error(ConfigSchema.Apps, $"unknown app '{name}'",
                $"Use one of: {string.Join(", ", AppCatalog.Names)} (apps are registered in stacks/Apps/AppCatalog.cs).");
            if (apps.Any(a => a.App.Name == spec.Name))
            {
                throw config.Error(ConfigSchema.Apps, $"app '{name}' is listed twice", "List each app once.");
            }

            apps.Add(TieredApp.Create(graph, graph.Root, new TieredAppArgs(spec, provider, platform)));
        }

        foreach (var app in apps)
        {
            foreach (var ns in app.Namespaces)
            {
                graph.AddOutput($"{app.App.Name}-namespace-{ns.Component.Name}", ns.NameRef);
            }
        }

        return new SynthesizedStack(config, graph, apps, platform,
            apps.SelectMany(a => AppWorkloads.For(a.App)).ToList(),
            PlatformWorkloads.For(platform).ToList());
    }

    private static PlatformPeers Platform(StackConfig config)
    {
        var ingressNamespace = config.String(ConfigSchema.IngressNamespace) ?? DefaultIngressNamespace;
        var monitoringNamespace = config.String(ConfigSchema.MonitoringNamespace);
        return new PlatformPeers(
            PlatformPeer.KubeDns,
            new PlatformPeer(ingressNamespace, Labels.Of(
                (WellKnownLabels.AppName, "ingress-nginx"), (WellKnownLabels.AppComponent, "controller"))),
            monitoringNamespace is null
                ? null
                : new PlatformPeer(monitoringNamespace, Labels.Of((WellKnownLabels.AppName, "prometheus"))));
    }

    /// <summary>
    /// Without a cluster of its own the stack deploys into an existing one: the provider takes the kubeconfig
    /// (secret) and context from stack config, so nothing depends on the operator's ambient ~/.kube/config by accident.
    /// </summary>
    private static Resource KubernetesProvider(ResourceGraph graph, StackConfig config)
    {
        var properties = new MapBuilder();
        if (config.Has(ConfigSchema.Kubeconfig))
        {
            properties.Add("kubeconfig", graph.UseConfig(ConfigSchema.Kubeconfig.Name, ConfigType.String, null, secret: true));
        }

        if (config.String(ConfigSchema.KubeContext) is { } context)
        {
            properties.Add("context", graph.UseConfig(ConfigSchema.KubeContext.Name, ConfigType.String, context));
        }

        return graph.AddResource(graph.Root, KubernetesTypes.Provider, "k8s", properties,
            new ResourceOptions { Version = KubernetesVersion });
    }
}
