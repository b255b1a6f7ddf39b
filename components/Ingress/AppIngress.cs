using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Ingress;

/// <summary>
/// An app's Ingresses: one per namespace that holds routed tiers (an Ingress reaches only Services in its own
/// namespace), each with the app's host and the routes to that namespace's tiers, longest path first.
/// </summary>
public static class AppIngress
{
    /// <summary>The app layer deploys networking, not workloads, so Pulumi does not wait for endpoints behind the Ingress.</summary>
    public const string SkipAwaitAnnotation = "pulumi.com/skipAwait";

    public static IReadOnlyList<Resource> Create(ResourceGraph graph, TieredApp app, IngressStyle style, Value domain,
        Resource kubernetesProvider, IReadOnlyList<Resource> dependsOn)
    {
        var spec = app.App.Ingress ?? throw new InvalidOperationException($"App '{app.App.Name}' declares no ingress.");
        Value host = domain is StringValue plain ? $"{spec.HostLabel}.{plain.Text}" : Interpolation.Of($"{spec.HostLabel}.", domain);
        var resources = new List<Resource>();
        foreach (var (ns, name, group) in Groups(app.App, spec))
        {
            var limits = spec.LimitsOf(group[0]);
            // Kubernetes names are the app's; logical names start with the app component's name.
            var stem = app.Component.Name + name[app.App.Name.Length..];
            var edge = style.Edge(new IngressSite
            {
                Graph = graph,
                Parent = app.Component,
                AppName = app.App.Name,
                Namespace = ns,
                NamespaceRef = app.NamespaceRef(ns),
                Name = name,
                LogicalStem = stem,
                Ingress = spec,
                Routes = group,
                Limits = limits,
                KubernetesProvider = kubernetesProvider,
                DependsOn = dependsOn,
            });
            var annotations = new SortedDictionary<string, Value>(edge.Annotations.ToDictionary(), StringComparer.Ordinal)
            {
                [SkipAwaitAnnotation] = "true",
            };
            if (style.TlsSecretName is not null)
            {
                foreach (var (key, value) in style.TlsRedirect)
                {
                    annotations[key] = value;
                }
            }

            var paths = group
                .OrderByDescending(r => r.Path.Length).ThenBy(r => r.Path, StringComparer.Ordinal)
                .Select(r => (Value)new MapBuilder
                {
                    { "path", r.Path },
                    { "pathType", "Prefix" },
                    {
                        "backend", new MapBuilder
                        {
                            {
                                "service", new MapBuilder
                                {
                                    { "name", app.Services[r.Tier].Output("metadata.name", r.Tier) },
                                    {
                                        "port", new MapBuilder
                                        {
                                            { "number", TieredApp.ExposedContainerPort(app.App.Tier(r.Tier)).Port },
                                        }.Build()
                                    },
                                }.Build()
                            },
                        }.Build()
                    },
                }.Build());
            resources.Add(graph.AddResource(app.Component, KubernetesTypes.Ingress, $"{stem}-{ns}-ingress", new MapBuilder
            {
                {
                    "metadata", KubernetesProperties.Metadata(name, app.NamespaceRef(ns),
                        Labels.Of((WellKnownLabels.PartOf, app.App.Name), (WellKnownLabels.ManagedBy, "palisade")), annotations)
                },
                {
                    "spec", Spec(style, host, paths)
                },
            }, new ResourceOptions { Provider = kubernetesProvider, DependsOn = [.. dependsOn, .. edge.Resources] }));
        }

        return resources;
    }

    private static MapValue Spec(IngressStyle style, Value host, IEnumerable<Value> paths)
    {
        var spec = new MapBuilder
        {
            { "ingressClassName", style.ClassName },
            {
                "rules", ListValue.Of(new MapBuilder
                {
                    { "host", host },
                    { "http", new MapBuilder { { "paths", ListValue.Of(paths) } }.Build() },
                }.Build())
            },
        };
        if (style.TlsSecretName is { } secret)
        {
            spec.Add("tls", ListValue.Of(new MapBuilder { { "hosts", ListValue.Of(host) }, { "secretName", secret } }.Build()));
        }

        return spec.Build();
    }

    /// <summary>
    /// One Ingress per namespace and set of limits (annotations hold for a whole Ingress): the group with the app's
    /// own limits, or else the first, is named like the app, the others after their first path.
    /// </summary>
    private static IEnumerable<(string Namespace, string Name, IReadOnlyList<IngressRouteSpec> Routes)> Groups(AppSpec app, AppIngressSpec spec)
    {
        foreach (var byNamespace in spec.Routes.GroupBy(r => app.Tier(r.Tier).Namespace).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var groups = byNamespace.GroupBy(spec.LimitsOf).Select(g => (IReadOnlyList<IngressRouteSpec>)g.ToList()).ToList();
            var main = groups.FirstOrDefault(g => spec.LimitsOf(g[0]) == spec.Limits) ?? groups[0];
            foreach (var group in groups)
            {
                yield return (byNamespace.Key, group == main ? app.Name : $"{app.Name}-{PathSlug(group[0].Path)}", group);
            }
        }
    }

    private static string PathSlug(string path)
    {
        var slug = new string(path.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        slug = slug.Length == 0 ? "root" : slug;
        return slug.Length > 180 ? slug[..180].TrimEnd('-') : slug;
    }
}
