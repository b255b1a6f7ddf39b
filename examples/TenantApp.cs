using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Examples;

/// <summary>
/// A tenant of the multi-tenant platform (seed 003), in a namespace of its own: a web tier behind the platform's
/// ingress (BunkerWeb) on 8080, scraped by Prometheus on its metrics (9090) and health (8081) ports; an API tier the web
/// tier calls, which signs users in through the platform's Keycloak and calls external APIs over HTTPS (private and
/// link-local ranges excluded). Nothing else: tenants never reach each other, and the API is never reached from outside.
/// </summary>
public static class TenantApp
{
    public static AppSpec Define(string tenant) => new(
        Name: tenant,
        Tiers:
        [
            new TierSpec("web", tenant, [new ContainerPort(8080, Name: "http"), new ContainerPort(9090, Name: "metrics"), new ContainerPort(8081, Name: "health")],
                Image: $"registry.example.com/{tenant}/web:1.4.0")
            {
                ExposedPort = "http",
                HealthPath = "/healthz",
                MonitoredPorts = ["metrics", "health"],
            },
            new TierSpec("api", tenant, [new ContainerPort(8080, Name: "http"), new ContainerPort(9090, Name: "metrics")],
                Image: $"registry.example.com/{tenant}/api:1.4.0")
            {
                MonitoredPorts = ["metrics"],
            },
        ],
        Flows:
        [
            new FlowSpec("web", "api", "http"),
        ],
        ExternalEgress:
        [
            new ExternalEgressSpec("api", "0.0.0.0/0", ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"], [443],
                Description: "HTTPS to external APIs only (seed 003 7.5.2: explicit, narrow, port-restricted)"),
        ],
        Source: "examples/TenantApp.cs")
    {
        Ingress = new AppIngressSpec(tenant, [new IngressRouteSpec("/", "web")]),
        ServiceFlows = [new ServiceFlowSpec("api", "keycloak", 8443)],
        Invariants =
        [
            AppInvariant.Never("api", "web"),
            AppInvariant.NeverFromOutside("api"),
        ],
    };
}
