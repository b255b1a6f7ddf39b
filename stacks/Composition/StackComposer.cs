using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Apps;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Composition;

/// <summary>
/// Composes a stack from its config: the cluster (EKS, GKE or an existing one) and its Kubernetes provider, the
/// platform peers, the ingress, and every configured app. Pure: config in, graph out.
/// </summary>
public static class StackComposer
{
    public const string KubernetesVersion = ClusterProvider.PackageVersion;
    public const string DefaultIngressNamespace = "ingress-nginx";

    public static SynthesizedStack Compose(StackConfig config)
    {
        var settings = PlatformSettings.From(config);
        var specs = AppSpecs(config, settings);
        var graph = new ResourceGraph(ConfigSchema.Project, config.Stack);
        var cluster = ClusterComposer.Compose(graph, config, settings);
        var platform = Platform(config, settings);

        var apps = specs
            .Select(spec => TieredApp.Create(graph, graph.Root, new TieredAppArgs(spec, cluster.KubernetesProvider, platform,
                ProtectStatefulTiers: settings.DeletionProtection, Identities: cluster.Identities)))
            .ToList();

        IngressComposer.Compose(graph, config, settings, cluster, apps);

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

    private static List<AppSpec> AppSpecs(StackConfig config, PlatformSettings settings)
    {
        var specs = new List<AppSpec>();
        foreach (var name in config.StringList(ConfigSchema.Apps))
        {
            var spec = AppCatalog.Find(name) ?? throw config.Error(ConfigSchema.Apps, $"unknown app '{name}'",
                $"Use one of: {string.Join(", ", AppCatalog.Names)} (apps are registered in stacks/Apps/AppCatalog.cs).");
            if (specs.Any(a => a.Name == spec.Name))
            {
                throw config.Error(ConfigSchema.Apps, $"app '{name}' is listed twice", "List each app once.");
            }

            AppValidator.Validate(spec);
            if (!settings.CreatesCluster && spec.Tiers.FirstOrDefault(t => t.Identity is not null) is { } tier)
            {
                throw config.Error(ConfigSchema.Cloud,
                    $"tier '{tier.Name}' of app '{spec.Name}' needs a cloud identity, which a stack on cloud existing cannot grant",
                    "Set palisade:cloud to aws (IRSA) or gcp (Workload Identity), or deploy the app from a stack that creates its cluster.");
            }

            specs.Add(spec);
        }

        return specs;
    }

    public static string IngressNamespace(StackConfig config) => config.String(ConfigSchema.IngressNamespace) ?? DefaultIngressNamespace;

    private static PlatformPeers Platform(StackConfig config, PlatformSettings settings)
    {
        var ingressNamespace = IngressNamespace(config);
        var monitoringNamespace = config.String(ConfigSchema.MonitoringNamespace);
        var alb = settings.Ingress == IngressKind.Alb;
        return new PlatformPeers(
            PlatformPeer.KubeDns,
            alb
                ? null
                : new PlatformPeer(ingressNamespace, Labels.Of(
                    (WellKnownLabels.AppName, "ingress-nginx"), (WellKnownLabels.AppComponent, "controller"))),
            monitoringNamespace is null
                ? null
                : new PlatformPeer(monitoringNamespace, Labels.Of((WellKnownLabels.AppName, "prometheus"))))
        {
            LoadBalancerCidrs = alb ? [settings.VpcCidr!] : [],
        };
    }
}
