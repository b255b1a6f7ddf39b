using Palisade.Components.Diagnostics;
using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;
using Palisade.Stacks.Platform;

namespace Palisade.Stacks.Composition;

/// <summary>
/// The namespaces a stack owns: every namespace its apps' tiers run in, each emitted once with its baseline however
/// many apps share it. Namespaces the platform owns (kube-system, the ingress controller's, monitoring) are never
/// taken over by an app.
/// </summary>
public static class StackNamespaces
{
    private static readonly IReadOnlySet<string> SystemNamespaces = new HashSet<string>(StringComparer.Ordinal)
    {
        "kube-system", "kube-public", "kube-node-lease", "default",
    };

    public static IReadOnlyDictionary<string, ZeroTrustNamespace> Create(
        ResourceGraph graph, StackConfig config, StackPlatform platform, Resource provider, IReadOnlyList<AppSpec> apps)
    {
        var platformOwned = PlatformNamespaces(platform);
        IReadOnlyList<string> targets = platform.Ingress is null ? [] : IngressTarget.TargetNamespaces(apps);
        var namespaces = new SortedDictionary<string, ZeroTrustNamespace>(StringComparer.Ordinal);
        var component = graph.AddComponent(graph.Root, "palisade:k8s:StackNamespaces", "namespaces");
        foreach (var ns in apps.SelectMany(a => a.Namespaces).Distinct().Order(StringComparer.Ordinal))
        {
            var owners = apps.Where(a => a.Namespaces.Contains(ns)).ToList();
            if (SystemNamespaces.Contains(ns) || platformOwned.TryGetValue(ns, out _))
            {
                var app = owners[0];
                var what = SystemNamespaces.Contains(ns) ? "a Kubernetes system namespace" : $"the namespace of {platformOwned[ns]}";
                throw new InputError($"{app.Source}: tier '{app.Tiers.First(t => t.Namespace == ns).Name}'",
                    $"app '{app.Name}' runs a tier in '{ns}', {what}, which the stack does not own",
                    $"Run the tier in a namespace of the app's own; the stack would otherwise replace the baseline policies of '{ns}' ({config.Source}).");
            }

            var labels = owners.Count == 1
                ? Labels.Of((WellKnownLabels.PartOf, owners[0].Name), (WellKnownLabels.ManagedBy, "palisade"))
                : Labels.Of((WellKnownLabels.ManagedBy, "palisade"));
            if (targets.Contains(ns) && platform.Ingress!.TargetNamespaceLabels.Count > 0)
            {
                labels = new SortedDictionary<string, string>(labels.Concat(platform.Ingress.TargetNamespaceLabels).ToDictionary(), StringComparer.Ordinal);
            }

            var protect = (platform.Cloud.Cluster?.DeletionProtection ?? false) && owners.Any(a => a.Tiers.Any(t => t.Namespace == ns && t.Stateful));
            namespaces[ns] = ZeroTrustNamespace.Create(graph, component, new ZeroTrustNamespaceArgs { Name = ns, Provider = provider, Dns = platform.Peers.Dns, Labels = labels, Protect = protect });
        }

        return namespaces;
    }

    /// <summary>Namespaces the platform's own services run in, with who runs there.</summary>
    private static IReadOnlyDictionary<string, string> PlatformNamespaces(StackPlatform platform)
    {
        var owned = new Dictionary<string, string>(StringComparer.Ordinal);
        if (platform.Ingress?.Controller is { } controller)
        {
            owned.TryAdd(controller.Namespace, $"the {platform.Ingress.Name} ingress controller");
        }

        if (platform.Monitoring is { } monitoring)
        {
            owned.TryAdd(monitoring.Namespace, "monitoring");
        }

        foreach (var pods in platform.Peers.Dns.Pods)
        {
            owned.TryAdd(pods.Namespace, "the cluster DNS");
        }
        return owned;
    }
}
