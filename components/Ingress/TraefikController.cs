using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.Ingress;

/// <summary>
/// Traefik Proxy from its Helm chart (traefik/traefik-helm-chart), pinned, with an explicit release name and namespace.
/// The chart labels its pods <c>app.kubernetes.io/name: traefik</c> and <c>app.kubernetes.io/instance:
/// &lt;release&gt;-&lt;namespace&gt;</c> (templates/_helpers.tpl, traefik.labelselector). HTTP on the web entry point
/// is redirected permanently to HTTPS on websecure, which terminates TLS; the LoadBalancer Service keeps client
/// addresses (<c>externalTrafficPolicy: Local</c>) so per-client limits see them; the Kubernetes Ingress provider
/// serves the apps' Ingresses and the CRD provider their Middlewares. The chart's own IngressClass is created but not
/// made the cluster default.
/// </summary>
internal static class TraefikController
{
    public const string Chart = "traefik";
    public const string ChartVersion = "41.6.1";
    public const string Repository = "https://traefik.github.io/charts";
    public const string ReleaseName = "traefik";
    public const string ClassName = "traefik";
    public const string WebEntryPoint = "web";
    public const string SecureEntryPoint = "websecure";
    public const int WebPort = 8000;
    public const int SecurePort = 8443;

    /// <summary>The pod labels the chart sets for a release in a namespace.</summary>
    public static IReadOnlyDictionary<string, string> PodLabels(string @namespace) => Labels.Of(
        (WellKnownLabels.AppName, Chart), ("app.kubernetes.io/instance", $"{ReleaseName}-{@namespace}"));

    public static Resource Create(ResourceGraph graph, Component parent, string @namespace, Resource kubernetesProvider)
    {
        var component = graph.AddComponent(parent, "palisade:ingress:Traefik", "traefik");
        return graph.AddResource(component, KubernetesTypes.HelmRelease, "traefik", new MapBuilder
        {
            { "name", ReleaseName },
            { "chart", Chart },
            { "version", ChartVersion },
            { "repositoryOpts", new MapBuilder { { "repo", Repository } }.Build() },
            { "namespace", @namespace },
            { "createNamespace", true },
            {
                "values", new MapBuilder
                {
                    {
                        "ingressClass", new MapBuilder
                        {
                            { "enabled", true },
                            { "isDefaultClass", false },
                            { "name", ClassName },
                        }.Build()
                    },
                    {
                        "providers", new MapBuilder
                        {
                            { "kubernetesCRD", new MapBuilder { { "enabled", true } }.Build() },
                            { "kubernetesIngress", new MapBuilder { { "enabled", true } }.Build() },
                        }.Build()
                    },
                    {
                        "ports", new MapBuilder
                        {
                            {
                                WebEntryPoint, Http(new MapBuilder
                                {
                                    {
                                        "redirections", new MapBuilder
                                        {
                                            {
                                                "entryPoint", new MapBuilder
                                                {
                                                    { "to", SecureEntryPoint },
                                                    { "scheme", "https" },
                                                    { "permanent", true },
                                                }.Build()
                                            },
                                        }.Build()
                                    },
                                }.Build())
                            },
                            { SecureEntryPoint, Http(new MapBuilder { { "tls", new MapBuilder { { "enabled", true } }.Build() } }.Build()) },
                        }.Build()
                    },
                    { "service", new MapBuilder { { "spec", new MapBuilder { { "externalTrafficPolicy", "Local" } }.Build() } }.Build() },
                }.Build()
            },
        }, new ResourceOptions { Provider = kubernetesProvider });
    }

    private static MapValue Http(MapValue http) => new MapBuilder { { "http", http } }.Build();
}
