using Palisade.Components.Diagnostics;
using Palisade.Components.Graph;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;
using Palisade.Stacks.Platform;

namespace Palisade.Stacks.Composition;

/// <summary>
/// Composes a stack from its platform model: the cluster (EKS, GKE or an existing one) and its Kubernetes provider,
/// the platform peers, the ingress, and every configured app. Pure: config in, graph out.
/// </summary>
internal static class StackComposer
{
    public const string KubernetesVersion = ClusterProvider.PackageVersion;

    public static SynthesizedStack Compose(StackConfig config, AppCatalog catalog)
    {
        var platform = StackPlatform.Read(config);
        var specs = AppSpecs(config, platform, catalog);
        var graph = new ResourceGraph(config.Project, config.Stack);
        var cluster = platform.Cloud.Compose(graph, platform);
        var peers = platform.Peers;
        var namespaces = StackNamespaces.Create(graph, config, platform, cluster.KubernetesProvider, specs);

        var apps = specs
            .Select(spec => TieredApp.Create(graph, graph.Root, new TieredAppArgs
            {
                App = spec,
                Provider = cluster.KubernetesProvider,
                Platform = peers,
                Namespaces = namespaces,
                Identities = cluster.Identities,
                ServiceAnnotations = platform.Ingress is { } ingress ? ingress.TierServiceAnnotations : null,
            }))
            .ToList();

        var systemWorkloads = platform.Cloud.StrictEnforcement is null ? [] : SystemBaselines.For(platform, specs);
        if (platform.Cloud.StrictEnforcement is { } strict)
        {
            cluster = cluster with { PlatformBaselines = SystemBaselines.Compose(graph, platform, strict, cluster.KubernetesProvider, systemWorkloads) };
        }

        platform.Ingress?.Compose(graph, cluster, apps);
        var guardrails = StackGuardrails.Compose(graph, platform, cluster.KubernetesProvider, specs, namespaces.Keys.ToList());

        foreach (var ns in namespaces.Values)
        {
            graph.AddOutput($"namespace-{ns.Name}", ns.NameRef);
        }

        return new SynthesizedStack(config, platform, graph, namespaces.Values.ToList(), apps,
            apps.SelectMany(a => AppWorkloads.For(a.App)).ToList(),
            PlatformWorkloads.For(peers).Concat(SystemBaselines.AnalysisWorkloads(systemWorkloads)).ToList(),
            Assumption.For(platform, apps, namespaces.Keys.ToList()).Concat(guardrails.Assumptions(platform)).ToList())
        {
            Guardrails = guardrails,
            SystemWorkloads = systemWorkloads,
        };
    }

    private static List<AppSpec> AppSpecs(StackConfig config, StackPlatform platform, AppCatalog catalog)
    {
        var specs = new List<AppSpec>();
        foreach (var name in platform.Apps)
        {
            var spec = catalog.Find(name) ?? throw config.Error(ConfigSchema.Apps, $"unknown app '{name}'",
                catalog.Names.Any()
                    ? $"Use one of: {string.Join(", ", catalog.Names)} (apps are registered in {catalog.RegisteredIn})."
                    : $"The program registers no apps: add them to {catalog.RegisteredIn}.");
            AppValidator.Validate(spec);
            ServiceFlows.Validate(config, platform, spec);
            if (platform.Cloud.Dataplane.Cni == Palisade.Components.Connectivity.CniProfile.EksVpcCni)
            {
                ExternalEgressRules.RefuseSharedCidrs(spec);
            }

            if (!platform.Cloud.GrantsIdentities && spec.Tiers.FirstOrDefault(t => t.Identity is not null) is { } tier)
            {
                throw config.Error(ConfigSchema.Cloud,
                    $"tier '{tier.Name}' of app '{spec.Name}' needs a cloud identity, which a stack on cloud {platform.Cloud.Name} cannot grant",
                    "Set palisade:cloud to aws (IRSA) or gcp (Workload Identity), or deploy the app from a stack that creates its cluster.");
            }

            foreach (var identityTier in spec.Tiers.Where(t => t.Identity is not null))
            {
                if (platform.Cloud.CannotGrant(identityTier.Identity!) is { } problem)
                {
                    throw new InputError($"{spec.Source}: tier '{identityTier.Name}'", $"app '{spec.Name}': {problem}",
                        $"Declare the tier's permissions for {platform.Cloud.Name} too, or deploy the app from a stack on the cloud its identity is for ({config.Source}: palisade:cloud).");
                }
            }

            specs.Add(spec);
        }

        AppObjectNames.RefuseShared(specs);
        return specs;
    }
}
