using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Platform;

namespace Palisade.Stacks.Composition;

/// <summary>
/// The platform workloads a stack on a strict dataplane must keep working, and their baseline policies: the load
/// balancer controller (alb), the ingress controller the stack installs, and monitoring. CoreDNS is always included.
/// </summary>
internal static class SystemBaselines
{
    public const string AlbControllerName = "aws-load-balancer-controller";
    public const int AlbWebhookPort = 9443;

    public static PlatformPeer AlbControllerPods { get; } = new("kube-system", Labels.Of((WellKnownLabels.AppName, AlbControllerName)));

    public static IReadOnlyList<SystemWorkload> For(StackPlatform platform, IReadOnlyList<AppSpec> apps)
    {
        var workloads = new List<SystemWorkload>();
        var peers = platform.Peers;
        if (platform.Ingress is AlbIngress)
        {
            workloads.Add(new SystemWorkload(AlbControllerName, AlbControllerPods, [], AlbWebhookPort,
                peers.ApiEndpointCidrs.Count == 0
                    ? []
                    : [new NetworkPolicyRule(peers.ApiEndpointCidrs.Select(c => new NetworkPolicyPeer(IpBlock: new IpBlock(c, []))).ToList(),
                        [new NetworkPolicyPort(Protocol.TCP, PlatformPeers.ApiEndpointPort)])],
                PublicHttpsEgress: true));
        }

        if (platform.Ingress is { InstallsController: true, Controller: { } controller } ingress)
        {
            workloads.Add(new SystemWorkload("ingress-controller", controller, ingress.ControllerPorts.Select(p => new NetworkPolicyPort(Protocol.TCP, p.Port)).ToList(),
                ingress.AdmissionWebhookPorts.Count == 0 ? null : ingress.AdmissionWebhookPorts[0],
                ToTiers(apps, t => t.ExposedPort is { } p ? [p] : [])));
        }

        if (platform.Monitoring is { } monitoring)
        {
            workloads.Add(new SystemWorkload("monitoring", monitoring.Peer, [], null, ToTiers(apps, t => t.MonitoredPorts)));
        }

        return workloads;
    }

    /// <summary>One egress rule per tier that has ports of interest: its pods in its namespace, on those ports.</summary>
    private static IReadOnlyList<NetworkPolicyRule> ToTiers(IReadOnlyList<AppSpec> apps, Func<TierSpec, IReadOnlyList<IntOrString>> ports) =>
        apps.SelectMany(a => a.Tiers.Select(t => (App: a, Tier: t, Ports: ports(t))))
            .Where(x => x.Ports.Count > 0)
            .OrderBy(x => x.Tier.Namespace, StringComparer.Ordinal).ThenBy(x => x.App.Name, StringComparer.Ordinal).ThenBy(x => x.Tier.Name, StringComparer.Ordinal)
            .Select(x => new NetworkPolicyRule(
                [new NetworkPolicyPeer(PodSelector: x.App.Selector(x.Tier), NamespaceSelector: LabelSelector.WithLabels((WellKnownLabels.NamespaceName, x.Tier.Namespace)))],
                x.Ports.Select(p => new NetworkPolicyPort(Protocol.TCP, p)).ToList()))
            .ToList();

    /// <summary>
    /// Emits the baselines; the ingress controller's namespace is created here (before the controller, whose pods
    /// and install hooks start deny-all otherwise), monitoring's must exist.
    /// </summary>
    public static IReadOnlyList<Resource> Compose(ResourceGraph graph, StackPlatform platform, StrictEnforcement strict, Resource provider,
        IReadOnlyList<SystemWorkload> workloads)
    {
        var component = graph.AddComponent(graph.Root, "palisade:k8s:SystemNamespaceBaselines", "system-baselines");
        var namespaces = new Dictionary<string, Value>(StringComparer.Ordinal);
        var resources = new List<Resource>();
        if (platform.Ingress is { InstallsController: true, Controller: { } controller })
        {
            var ns = graph.AddResource(component, KubernetesTypes.Namespace, $"{controller.Namespace}-ns", new MapBuilder
            {
                { "metadata", KubernetesProperties.Metadata(controller.Namespace, labels: Labels.Of((WellKnownLabels.ManagedBy, "palisade"))) },
            }, new ResourceOptions { Provider = provider });
            namespaces[controller.Namespace] = ns.Output("metadata.name", controller.Namespace);
            resources.Add(ns);
        }

        resources.AddRange(SystemNamespaceBaselines.Create(graph, component, provider,
            SystemNamespaceBaselines.Policies(strict, platform.Dns, workloads), namespaces));
        return resources;
    }

    /// <summary>The analysis' stand-ins for the platform workloads the baselines add (CoreDNS, ingress, monitoring are already there).</summary>
    public static IEnumerable<Workload> AnalysisWorkloads(IReadOnlyList<SystemWorkload> workloads) =>
        workloads.Where(w => w.Name == AlbControllerName)
            .Select(w => new Workload(w.Pods.Namespace, w.Name, "Deployment", w.Pods.PodLabels,
                [new ContainerPort(AlbWebhookPort, Name: "webhook-server")]));
}
