using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.Ingress;

/// <summary>
/// The F5 NGINX Ingress Controller (nginx/kubernetes-ingress) as a Helm release of the pinned <c>nginx-ingress</c>
/// chart: an explicit release name and namespace (so its pods carry known labels), IngressClass <c>nginx</c>,
/// snippets off (an Ingress author cannot inject raw configuration), its custom resources off (the limits are
/// Ingress annotations, so no CRD has to exist first), telemetry reporting off, and a LoadBalancer Service with
/// <c>externalTrafficPolicy: Local</c> and the cloud's load-balancer annotations, so the per-client limits see
/// client addresses.
/// </summary>
internal static class F5NginxIngressController
{
    public const string Chart = "oci://ghcr.io/nginx/charts/nginx-ingress";
    public const string ChartVersion = "2.7.2";
    public const string AppVersion = "5.6.2";
    public const string ReleaseName = "nginx-ingress";
    public const string ClassName = "nginx";

    /// <summary>The chart's selector labels (<c>_helpers.tpl</c> <c>nginx-ingress.selectorLabels</c>): the chart name and the release.</summary>
    public static IReadOnlyDictionary<string, string> PodLabels { get; } = Labels.Of(
        (WellKnownLabels.AppName, "nginx-ingress"), ("app.kubernetes.io/instance", ReleaseName));

    public static Resource Create(ResourceGraph graph, Component parent, string @namespace, IReadOnlyDictionary<string, string> serviceAnnotations,
        Resource kubernetesProvider, IReadOnlyList<Resource>? dependsOn = null)
    {
        var component = graph.AddComponent(parent, "palisade:ingress:NginxIngressController", "nginx-ingress");
        return graph.AddResource(component, KubernetesTypes.HelmRelease, "nginx-ingress", new MapBuilder
        {
            { "name", ReleaseName },
            { "chart", Chart },
            { "version", ChartVersion },
            { "namespace", @namespace },
            { "createNamespace", true },
            {
                "values", new MapBuilder
                {
                    {
                        "controller", new MapBuilder
                        {
                            {
                                "ingressClass", new MapBuilder
                                {
                                    { "name", ClassName },
                                    { "create", true },
                                    { "setAsDefaultIngress", false },
                                }.Build()
                            },
                            { "enableSnippets", false },
                            { "enableCustomResources", false },
                            { "telemetryReporting", new MapBuilder { { "enable", false } }.Build() },
                            {
                                "service", new MapBuilder
                                {
                                    { "type", "LoadBalancer" },
                                    { "externalTrafficPolicy", "Local" },
                                    { "annotations", MapValue.OfStrings(serviceAnnotations.OrderBy(a => a.Key, StringComparer.Ordinal)) },
                                }.Build()
                            },
                        }.Build()
                    },
                }.Build()
            },
        }, new ResourceOptions { Provider = kubernetesProvider, DependsOn = dependsOn ?? [] });
    }
}
