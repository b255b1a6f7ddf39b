using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Examples;

/// <summary>
/// The voting application: a React frontend, a FastAPI API, a stream consumer, PostgreSQL and Redis over four
/// namespaces (presentation, application, processing, data). Seven flows are allowed: the ingress controller to
/// the frontend, frontend to API, API and consumer to Redis and PostgreSQL, and DNS for every pod.
/// </summary>
public static class VotingApp
{
    public static AppSpec Define() => new(
        Name: "voting",
        Tiers:
        [
            new TierSpec("frontend", "voting-frontend", [new ContainerPort(80, Name: "http")], Image: "nginx:1.27-alpine")
            {
                ExposedPort = "http",
                HealthPath = "/",
            },
            new TierSpec("api", "voting-api", [new ContainerPort(8000, Name: "http")], Image: "ghcr.io/example/voting-api:1.4.0"),
            new TierSpec("consumer", "voting-consumer", [], Image: "ghcr.io/example/voting-consumer:1.4.0"),
            new TierSpec("postgres", "voting-data", [new ContainerPort(5432, Name: "postgres")],
                WorkloadKind: "StatefulSet", Image: "postgres:16-alpine", Stateful: true),
            new TierSpec("redis", "voting-data", [new ContainerPort(6379, Name: "redis")],
                WorkloadKind: "StatefulSet", Image: "redis:7-alpine", Stateful: true),
        ],
        Flows:
        [
            new FlowSpec("frontend", "api", 8000),
            new FlowSpec("api", "redis", 6379),
            new FlowSpec("api", "postgres", 5432),
            new FlowSpec("consumer", "redis", 6379),
            new FlowSpec("consumer", "postgres", 5432),
        ],
        ExternalEgress: [],
        Source: "examples/VotingApp.cs")
    {
        Ingress = new AppIngressSpec("voting", [new IngressRouteSpec("/", "frontend")]),

        // Seed 004, "Blocked Traffic (Security Boundaries)": the presentation layer never reaches the data layer, the
        // consumer never reaches the frontend or the API, and nothing outside the cluster reaches the API or the data
        // layer directly (all traffic goes through the gateway to the frontend).
        Invariants =
        [
            AppInvariant.Never("frontend", "postgres"),
            AppInvariant.Never("frontend", "redis"),
            AppInvariant.Never("consumer", "frontend"),
            AppInvariant.Never("consumer", "api"),
            AppInvariant.NeverFromOutside("api"),
            AppInvariant.NeverFromOutside("postgres"),
            AppInvariant.NeverFromOutside("redis"),
        ],
    };
}
