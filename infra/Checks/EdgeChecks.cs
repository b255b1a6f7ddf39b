using System.Globalization;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Infra.Checks.Edge;
using Palisade.Stacks.Composition;
using Palisade.Stacks.Platform;

namespace Palisade.Infra.Checks;

/// <summary>
/// The edge, read back from what <c>synth</c> renders: every exposed route carries its declared limits in the
/// controller's own configuration (Ingress annotations, controller values, the ALB's web ACL in the program), only
/// the controller's pods (or the load balancer's subnets) reach an exposed tier and only on its exposed port, TLS with
/// HTTP redirected where the kind terminates it, and the health-check path is routed to a tier.
/// </summary>
internal static class EdgeChecks
{
    public const string LimitsName = "every exposed route has its declared limits in the controller's own configuration";
    public const string ReachName = "only the controller's pods (or the load balancer's subnets) reach an exposed tier, only on its exposed port";
    public const string TlsName = "HTTPS with HTTP redirected where the kind terminates TLS";
    public const string HealthName = "the load balancer probes each routed tier on its declared health path";

    private sealed record Route(AppSpec App, IngressRouteSpec Spec, TierSpec Tier, EdgeLimits Limits)
    {
        public override string ToString() => $"{App.Name} {Spec.Path} -> {Spec.Tier}";
    }

    public static IReadOnlyList<CheckResult> Run(SynthesizedStack stack, IReadOnlyDictionary<string, string> files, ConnectivityResult connectivity, DeclaredConnectivity declared)
    {
        if (stack.Platform.Ingress is not { } ingress || !stack.Apps.Any(a => a.App.Ingress is not null))
        {
            return [];
        }

        var edge = RenderedEdge.Read(files);
        var routes = stack.Apps.Select(a => a.App).Where(a => a.Ingress is not null)
            .SelectMany(a => a.Ingress!.Routes.Select(r => new Route(a, r, a.Tier(r.Tier), a.Ingress.LimitsOf(r)))).ToList();
        return [Limits(ingress, edge, routes), Reach(stack, connectivity, declared, routes), Tls(ingress, edge, routes), Health(ingress, edge, routes)];
    }

    private static RenderedIngress? IngressOf(RenderedEdge edge, Route route) =>
        edge.Ingresses.FirstOrDefault(i => i.Namespace == route.Tier.Namespace && i.Paths.Any(p => p.Path == route.Spec.Path && p.Service == route.Tier.Name));

    private static CheckResult Limits(IngressTarget ingress, RenderedEdge edge, IReadOnlyList<Route> routes)
    {
        var reader = EdgeReaders.For(ingress);
        var failures = new List<string>();
        var enforced = 0;
        foreach (var route in routes)
        {
            if (IngressOf(edge, route) is not { } rendered)
            {
                failures.Add($"route {route}: no rendered Ingress in {route.Tier.Namespace} routes {route.Spec.Path} to Service {route.Tier.Name}");
                continue;
            }

            var read = reader?.Read(rendered, edge, route.Limits) ?? new Dictionary<EdgeLimit, EnforcedLimit>();
            foreach (var limit in Enum.GetValues<EdgeLimit>().Where(l => !ingress.Unenforced.Contains(l)))
            {
                var declared = route.Limits.ValueOf(limit);
                if (read.GetValueOrDefault(limit) is not { Value: { } value } found)
                {
                    failures.Add($"route {route} (Ingress {rendered.Id}): {EdgeLimits.Key(limit)} missing: {route.Limits.Show(limit)} is declared, " +
                                 $"the controller's configuration has {read.GetValueOrDefault(limit)?.Where ?? "no setting for it"}");
                }
                else if (value != declared)
                {
                    failures.Add($"route {route} (Ingress {rendered.Id}): {EdgeLimits.Key(limit)} is {value.ToString(CultureInfo.InvariantCulture)}, " +
                                 $"{declared.ToString(CultureInfo.InvariantCulture)} is declared ({found.Where})");
                }
                else
                {
                    enforced++;
                }
            }
        }

        var unenforced = ingress.Unenforced.Count == 0 ? string.Empty : $"; not enforced on {ingress.Name}, as the stack accepts: {string.Join(", ", ingress.Unenforced.Order().Select(EdgeLimits.Key))}";
        return CheckResult.From(CheckIds.EdgeLimits, LimitsName, failures, $"{routes.Count} routes, {enforced} limits read back from the rendered configuration as declared{unenforced}");
    }

    private static CheckResult Reach(SynthesizedStack stack, ConnectivityResult connectivity, DeclaredConnectivity declared, IReadOnlyList<Route> routes)
    {
        var peers = stack.Peers;
        var controller = peers.IngressController is null ? null
            : connectivity.Workloads.FirstOrDefault(w => w.Namespace == peers.IngressController.Namespace && w.Name == peers.IngressControllerName)?.Id;
        var balancers = peers.LoadBalancerCidrs.Select(System.Net.IPNetwork.Parse).ToList();
        var appWorkloads = stack.AppWorkloads.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        var exposed = routes.Select(r => (r.App, r.Tier)).Distinct().ToList();
        foreach (var (app, tier) in exposed)
        {
            var id = stack.AppWorkloads.First(w => w.Namespace == tier.Namespace && w.Labels.GetValueOrDefault(WellKnownLabels.AppName) == app.Name &&
                                                   w.Labels.GetValueOrDefault(WellKnownLabels.AppComponent) == tier.Name).Id;
            var port = TieredApp.ExposedContainerPort(tier).Port;
            var only = ConnectionSet.For(Protocol.TCP, port, port);
            foreach (var connection in connectivity.Connections.Where(c => c.Destination is WorkloadPeer d && d.Id == id))
            {
                switch (connection.Source)
                {
                    case WorkloadPeer source when source.Id == controller:
                        if (!connection.Allowed.Equals(only))
                        {
                            failures.Add($"{controller} reaches exposed tier {id} on {connection.Allowed}, not only its exposed port TCP {port}");
                        }

                        break;
                    case WorkloadPeer source when !appWorkloads.Contains(source.Id) && !connection.Allowed.Union(declared.Between(source.Id, id)).Equals(declared.Between(source.Id, id)):
                        failures.Add($"{source.Id} reaches exposed tier {id} on {connection.Allowed}, and it is not the ingress controller");
                        break;
                    case ExternalPeer source:
                        var inside = source.Ranges.All(r => Covered(r.FirstAddress, r.LastAddress, balancers));
                        if (!inside || !connection.Allowed.Union(only).Equals(only))
                        {
                            failures.Add($"{source} reaches exposed tier {id} on {connection.Allowed}" +
                                         (balancers.Count == 0 ? ", and this kind's load balancer reaches pods only through the controller" : $", outside the load balancer's subnets {string.Join(", ", peers.LoadBalancerCidrs)} on TCP {port}"));
                        }

                        break;
                }
            }

            if (controller is not null && !connectivity.Between(controller, id).Equals(only))
            {
                failures.Add($"{controller} does not reach exposed tier {id} on exactly TCP {port} (allowed: {connectivity.Between(controller, id)})");
            }
        }

        if (controller is not null)
        {
            foreach (var workload in stack.AppWorkloads.Where(w => !exposed.Any(e => e.Tier.Namespace == w.Namespace && w.Labels.GetValueOrDefault(WellKnownLabels.AppComponent) == e.Tier.Name &&
                                                                                   w.Labels.GetValueOrDefault(WellKnownLabels.AppName) == e.App.Name)))
            {
                if (!connectivity.Between(controller, workload.Id).IsEmpty)
                {
                    failures.Add($"{controller} reaches {workload.Id}, which no route exposes, on {connectivity.Between(controller, workload.Id)}");
                }
            }
        }

        var via = controller ?? $"the load balancer's subnets {string.Join(", ", peers.LoadBalancerCidrs)}";
        return CheckResult.From(CheckIds.EdgeReach, ReachName, failures, $"{exposed.Count} exposed tiers reached from outside the apps only by {via}, each on its exposed port");
    }

    /// <summary>Whether the networks together hold every address from first to last (adjacent subnets may join).</summary>
    private static bool Covered(System.Net.IPAddress first, System.Net.IPAddress last, IReadOnlyList<System.Net.IPNetwork> networks)
    {
        static UInt128 N(System.Net.IPAddress a) => a.GetAddressBytes().Aggregate(UInt128.Zero, (n, b) => (n << 8) | b);
        var bits = first.GetAddressBytes().Length * 8;
        var next = N(first);
        var end = N(last);
        foreach (var (start, stop) in networks.Where(n => n.BaseAddress.AddressFamily == first.AddressFamily)
                     .Select(n => (Start: N(n.BaseAddress), Stop: N(n.BaseAddress) + ((UInt128.One << (bits - n.PrefixLength)) - 1))).OrderBy(n => n.Start))
        {
            if (start > next)
            {
                break;
            }

            if (stop >= end)
            {
                return true;
            }

            next = UInt128.Max(next, stop + 1);
        }

        return false;
    }

    private static CheckResult Tls(IngressTarget ingress, RenderedEdge edge, IReadOnlyList<Route> routes)
    {
        if (ingress is TraefikIngress)
        {
            return TraefikTls(edge, routes);
        }

        if (ingress.TlsFromSecret && ingress.TlsSecretName is not null)
        {
            return SecretTls(ingress, edge, routes);
        }

        if (ingress is not AlbIngress)
        {
            return CheckResult.Pass(CheckIds.EdgeTls, TlsName, ingress.TlsFromSecret
                ? $"ingress {ingress.Name}: no TLS Secret declared (palisade:tlsSecretName), so its Ingresses serve HTTP only and TLS is not checked"
                : $"ingress {ingress.Name}: the stack gives the controller no certificate, so its Ingresses serve HTTP and TLS is not checked");
        }

        var failures = new List<string>();
        foreach (var rendered in routes.Select(r => IngressOf(edge, r)).OfType<RenderedIngress>().Distinct())
        {
            string? A(string key) => rendered.Annotations.GetValueOrDefault(Components.Ingress.AlbIngressStyle.Prefix + key);
            if (A("listen-ports") is not { } ports || !ports.Contains("\"HTTPS\": 443", StringComparison.Ordinal))
            {
                failures.Add($"Ingress {rendered.Id}: no HTTPS listener on 443 (listen-ports '{A("listen-ports")}')");
            }

            if (A("ssl-redirect") != "443")
            {
                failures.Add($"Ingress {rendered.Id}: HTTP is not redirected to 443 (ssl-redirect '{A("ssl-redirect")}')");
            }

            if (string.IsNullOrEmpty(RenderedEdge.Text(edge.ClassParams.GetValueOrDefault(rendered.ClassName ?? string.Empty), "certificateArn.0")))
            {
                failures.Add($"Ingress {rendered.Id}: its class {rendered.ClassName} pins no certificateArn in its IngressClassParams");
            }
        }

        return CheckResult.From(CheckIds.EdgeTls, TlsName, failures, "every ALB Ingress listens on HTTPS 443 with a certificate and redirects HTTP to it");
    }

    /// <summary>
    /// The nginx kinds: every Ingress names a TLS Secret for each of its hosts and keeps the controller's HTTP-to-HTTPS
    /// redirect on (its annotation read back, "false" refused).
    /// </summary>
    private static CheckResult SecretTls(IngressTarget ingress, RenderedEdge edge, IReadOnlyList<Route> routes)
    {
        var redirect = ingress is IngressNginx ? Components.Ingress.IngressNginxStyle.SslRedirect : Components.Ingress.NginxOrgStyle.SslRedirect;
        var failures = new List<string>();
        foreach (var rendered in routes.Select(r => IngressOf(edge, r)).OfType<RenderedIngress>().Distinct())
        {
            var uncovered = rendered.Hosts.Where(h => !rendered.Tls.Any(t => t.Hosts.Contains(h) && !string.IsNullOrEmpty(t.SecretName))).ToList();
            if (uncovered.Count > 0)
            {
                failures.Add($"Ingress {rendered.Id}: no TLS Secret for {string.Join(", ", uncovered)}, so it serves HTTP only");
            }

            if (rendered.Annotations.GetValueOrDefault(redirect) is not { } value || !value.Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"Ingress {rendered.Id}: HTTP is not redirected to HTTPS ({redirect} '{rendered.Annotations.GetValueOrDefault(redirect)}')");
            }
        }

        return CheckResult.From(CheckIds.EdgeTls, TlsName, failures,
            $"every Ingress serves its host with TLS Secret {ingress.TlsSecretName} and redirects HTTP to HTTPS ({redirect})");
    }

    /// <summary>
    /// Traefik installed by the stack: its release redirects the <c>web</c> entry point permanently to <c>websecure</c>,
    /// which terminates TLS, and every Ingress is routed on <c>websecure</c> with TLS only (read from the rendered
    /// release values and Ingress annotations). The certificate is Traefik's default unless the platform sets one.
    /// </summary>
    private static CheckResult TraefikTls(RenderedEdge edge, IReadOnlyList<Route> routes)
    {
        var failures = new List<string>();
        var secure = Components.Ingress.TraefikController.SecureEntryPoint;
        var release = edge.Resources.Values.FirstOrDefault(r => r.Type == Components.Kubernetes.KubernetesTypes.HelmRelease &&
                                                                RenderedEdge.Text(r.Properties, "chart") == Components.Ingress.TraefikController.Chart);
        if (release is not null)
        {
            var redirect = $"values.ports.{Components.Ingress.TraefikController.WebEntryPoint}.http.redirections.entryPoint";
            if (RenderedEdge.Text(release.Properties, $"{redirect}.to") != secure || RenderedEdge.Text(release.Properties, $"{redirect}.scheme") != "https")
            {
                failures.Add($"release {release.Name}: HTTP on {Components.Ingress.TraefikController.WebEntryPoint} is not redirected to https on {secure}");
            }

            if (RenderedEdge.Text(release.Properties, $"values.ports.{secure}.http.tls.enabled") != "true")
            {
                failures.Add($"release {release.Name}: {secure} does not terminate TLS");
            }
        }

        foreach (var rendered in routes.Select(r => IngressOf(edge, r)).OfType<RenderedIngress>().Distinct())
        {
            string? A(string key) => rendered.Annotations.GetValueOrDefault(Components.Ingress.TraefikIngressStyle.Prefix + key);
            if (A("router.entrypoints") != secure || A("router.tls") != "true")
            {
                failures.Add($"Ingress {rendered.Id}: not routed on {secure} with TLS only (router.entrypoints '{A("router.entrypoints")}', router.tls '{A("router.tls")}')");
            }
        }

        return CheckResult.From(CheckIds.EdgeTls, TlsName, failures, release is null
            ? "every Ingress is routed on websecure with TLS only (the platform's Traefik redirects HTTP)"
            : $"release {release.Name} redirects HTTP to https on {secure}, which terminates TLS, and every Ingress is routed there only");
    }

    /// <summary>
    /// An ALB probes each target group on the path its Service names, "/" otherwise: every routed tier's rendered
    /// Service must carry its declared health path. Other kinds do not probe backends (the kubelet's probes decide).
    /// </summary>
    private static CheckResult Health(IngressTarget ingress, RenderedEdge edge, IReadOnlyList<Route> routes)
    {
        if (ingress is not AlbIngress)
        {
            return CheckResult.Pass(CheckIds.EdgeHealth, HealthName, $"ingress {ingress.Name} does not health-check backends; readiness comes from the pods' probes");
        }

        var failures = new List<string>();
        foreach (var (app, tier) in routes.Select(r => (r.App, r.Tier)).Distinct())
        {
            var probed = edge.Services.FirstOrDefault(s => s.Namespace == tier.Namespace && s.Name == tier.Name)?.Annotations
                .GetValueOrDefault(Components.Ingress.AlbIngressStyle.HealthCheckPathAnnotation);
            if (tier.HealthPath is not { } declared)
            {
                failures.Add($"app {app.Name} tier {tier.Name}: routed by the ALB but declares no health path, so its target group is probed on /");
            }
            else if (probed != declared)
            {
                failures.Add($"app {app.Name} tier {tier.Name}: Service {tier.Namespace}/{tier.Name} has health-check path '{probed ?? "(none: /)"}', {declared} is declared");
            }
        }

        return CheckResult.From(CheckIds.EdgeHealth, HealthName, failures, "every routed tier's Service names its declared health-check path");
    }
}
