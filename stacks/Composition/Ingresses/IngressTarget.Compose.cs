using Palisade.Components.Graph;
using Palisade.Components.Ingress;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Composition;

namespace Palisade.Stacks.Platform;

internal abstract partial record IngressTarget
{
    /// <summary>
    /// Refuses limits the kind cannot enforce, installs what the kind needs in the stack's cluster and emits the
    /// Ingresses of every app with routes.
    /// </summary>
    public void Compose(ResourceGraph graph, StackCluster cluster, IReadOnlyList<TieredApp> apps)
    {
        var exposed = apps.Where(a => a.App.Ingress is not null).ToList();
        RequireEnforceable(exposed.Select(a => a.App));
        var (installedStyle, installed) = Install(graph, cluster, exposed);
        var style = installedStyle with { TlsSecretName = TlsSecretName };
        IReadOnlyList<Resource> dependsOn = [.. installed, .. cluster.WebhookAccess];
        foreach (var app in exposed)
        {
            AppIngress.Create(graph, app, style, Domain.In(graph), cluster.KubernetesProvider, dependsOn);
        }
    }

    /// <summary>The controller's resources (if the stack installs it), and the Ingress style the apps' Ingresses use.</summary>
    protected abstract (IngressStyle Style, IReadOnlyList<Resource> DependsOn) Install(ResourceGraph graph, StackCluster cluster, IReadOnlyList<TieredApp> exposed);

    /// <summary>The namespaces that hold tiers the apps' Ingresses route to.</summary>
    public static IReadOnlyList<string> TargetNamespaces(IEnumerable<AppSpec> apps) =>
        apps.Where(a => a.Ingress is not null)
            .SelectMany(a => a.Ingress!.Routes.Select(r => a.Tier(r.Tier).Namespace))
            .Distinct().Order(StringComparer.Ordinal).ToList();
}
