using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Examples;

/// <summary>
/// tomoda (seed 002) on GKE: the api (8080) and the frontend (8081) behind Traefik, an async worker that only initiates
/// connections (its 8082 health port is for the kubelet, which NetworkPolicies do not govern), all three in
/// <c>tomoda</c>; PostgreSQL and Redis in <c>data</c>, a namespace other apps' databases may share. The api and the
/// worker reach both stores and the external APIs they call (Stripe, Google, Apple, LINE, OpenAI) over HTTPS, never
/// private ranges; the api reads its secrets through Workload Identity. Routes: /api to the api, / to the frontend.
/// </summary>
public static class TomodaApp
{
    public const string Namespace = "tomoda";
    public const string DataNamespace = "data";

    private static readonly string[] PrivateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

    public static AppSpec Define() => new(
        Name: "tomoda",
        Tiers:
        [
            new TierSpec("api", Namespace, [new ContainerPort(8080, Name: "http")], Image: "asia-east1-docker.pkg.dev/tomoda/api:1.8.0")
            {
                ExposedPort = "http",
                HealthPath = "/health",
                Identity = CloudIdentitySpec.ReadingSecrets("tomoda"),
            },
            new TierSpec("async", Namespace, [new ContainerPort(8082, Name: "health")], Image: "asia-east1-docker.pkg.dev/tomoda/async:1.8.0"),
            new TierSpec("frontend", Namespace, [new ContainerPort(8081, Name: "http")], Image: "asia-east1-docker.pkg.dev/tomoda/frontend:1.8.0")
            {
                ExposedPort = "http",
                HealthPath = "/",
            },
            new TierSpec("postgres", DataNamespace, [new ContainerPort(5432, Name: "postgresql")],
                WorkloadKind: "StatefulSet", Image: "ghcr.io/cloudnative-pg/postgresql:16", Stateful: true),
            new TierSpec("redis", DataNamespace, [new ContainerPort(6379, Name: "redis")],
                WorkloadKind: "StatefulSet", Image: "redis:7-alpine", Stateful: true),
        ],
        Flows:
        [
            new FlowSpec("api", "postgres", 5432),
            new FlowSpec("api", "redis", 6379),
            new FlowSpec("async", "postgres", 5432),
            new FlowSpec("async", "redis", 6379),
        ],
        ExternalEgress:
        [
            new ExternalEgressSpec("api", "0.0.0.0/0", PrivateRanges, [443],
                Description: "HTTPS to the external APIs (Stripe, Google, Apple, LINE, OpenAI), never private ranges"),
            new ExternalEgressSpec("async", "0.0.0.0/0", PrivateRanges, [443],
                Description: "HTTPS to the external APIs (Stripe, Google, Apple, LINE, OpenAI), never private ranges"),
        ],
        Source: "examples/TomodaApp.cs")
    {
        Ingress = new AppIngressSpec("tomoda",
            [new IngressRouteSpec("/api", "api"), new IngressRouteSpec("/", "frontend")]),

        // Seed 002: "no pod outside traefik-system can reach the api or frontend pods, and no pod can reach the async
        // pods at all"; the databases in data are reached from the tomoda workloads only (the seed's belt-and-braces
        // policy), and the frontend never reaches them.
        Invariants =
        [
            AppInvariant.NeverFromOutside("async"),
            AppInvariant.Never("api", "async"),
            AppInvariant.Never("frontend", "async"),
            AppInvariant.Never("postgres", "async"),
            AppInvariant.Never("redis", "async"),
            AppInvariant.OnlyFrom("postgres", "api", "async"),
            AppInvariant.OnlyFrom("redis", "api", "async"),
            AppInvariant.Never("frontend", "api"),
            AppInvariant.Never("async", "api"),
            AppInvariant.Never("async", "frontend"),
            AppInvariant.Never("api", "frontend"),
            AppInvariant.Never("postgres", "api"),
            AppInvariant.Never("redis", "api"),
            AppInvariant.NoEgressBeyondDns("frontend"),
            AppInvariant.NoEgressBeyondDns("postgres"),
            AppInvariant.NoEgressBeyondDns("redis"),
        ],
    };
}
