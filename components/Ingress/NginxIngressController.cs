using Palisade.Components.Graph;

namespace Palisade.Components.Ingress;

/// <summary>
/// ingress-nginx through the <c>kubernetes-ingress-nginx:index:IngressController</c> component (resource-types.md §2,
/// cloud-wiring.md §5.2): pinned chart and package, explicit release name and namespace, 429 for request and
/// connection limits, and <c>externalTrafficPolicy: Local</c> so per-client-IP limits see client addresses.
/// </summary>
internal static class NginxIngressController
{
    public const string Type = "kubernetes-ingress-nginx:index:IngressController";
    public const string PackageVersion = "0.1.3";
    public const string ChartVersion = "4.15.1";
    public const string ReleaseName = "ingress-nginx";
    public const string ClassName = "nginx";
    public const string LogicalName = "ingress-nginx";

    public static Resource Create(ResourceGraph graph, Component parent, string @namespace, Resource kubernetesProvider,
        IReadOnlyList<Resource>? dependsOn = null)
    {
        var component = graph.AddComponent(parent, "palisade:ingress:IngressNginx", "ingress-nginx");
        return graph.AddResource(component, Type, LogicalName, new MapBuilder
        {
            {
                "controller", new MapBuilder
                {
                    {
                        "config", new MapBuilder
                        {
                            { "limit-req-status-code", "429" },
                            { "limit-conn-status-code", "429" },
                        }.Build()
                    },
                    { "service", new MapBuilder { { "externalTrafficPolicy", "Local" } }.Build() },
                    {
                        "ingressClassResource", new MapBuilder
                        {
                            { "name", ClassName },
                            { "enabled", true },
                            { "default", false },
                        }.Build()
                    },
                    { "publishService", new MapBuilder { { "enabled", true } }.Build() },
                    { "allowSnippetAnnotations", false },
                }.Build()
            },
            {
                "helmOptions", new MapBuilder
                {
                    { "name", ReleaseName },
                    { "namespace", @namespace },
                    { "version", ChartVersion },
                    { "createNamespace", true },
                }.Build()
            },
        }, new ResourceOptions { Provider = kubernetesProvider, Version = PackageVersion, DependsOn = dependsOn ?? [] });
    }
}
