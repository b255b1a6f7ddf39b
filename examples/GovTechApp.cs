using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Examples;

/// <summary>
/// The GovTech platform (seeds 000 and 001): a frontend served on 80 behind the ingress, a backend on 3000 that reads
/// its secrets from AWS Secrets Manager (IRSA) or Google Secret Manager (Workload Identity) and calls public HTTPS
/// APIs only (private ranges excluded), and PostgreSQL that talks to nobody. Routes: /api to the backend, / to the
/// frontend; the backend is health-checked on /api/health, the frontend on /. The seeds' security boundaries are declared as invariants.
/// </summary>
public static class GovTechApp
{
    public const string Namespace = "govtech";

    public static AppSpec Define() => new(
        Name: "govtech",
        Tiers:
        [
            new TierSpec("frontend", Namespace, [new ContainerPort(80, Name: "http")], Image: "ghcr.io/example/govtech-frontend:2.3.0")
            {
                ExposedPort = "http",
                HealthPath = "/",
            },
            new TierSpec("backend", Namespace, [new ContainerPort(3000, Name: "http")], Image: "ghcr.io/example/govtech-backend:2.3.0")
            {
                ExposedPort = "http",
                HealthPath = "/api/health",
                Identity = CloudIdentitySpec.ReadingSecrets("govtech"),
            },
            new TierSpec("database", Namespace, [new ContainerPort(5432, Name: "postgres")],
                WorkloadKind: "StatefulSet", Image: "postgres:16-alpine", Stateful: true),
        ],
        Flows:
        [
            new FlowSpec("frontend", "backend", 3000),
            new FlowSpec("backend", "database", 5432),
        ],
        ExternalEgress:
        [
            new ExternalEgressSpec("backend", "0.0.0.0/0", ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"], [443],
                Description: "HTTPS to public cloud APIs (Secrets Manager, STS), never private ranges"),
        ],
        Source: "examples/GovTechApp.cs")
    {
        Ingress = new AppIngressSpec("govtech",
            [new IngressRouteSpec("/api", "backend"), new IngressRouteSpec("/", "frontend")]),

        // Seeds 000 and 001: "Backend can communicate with Database" and the database is reached from the backend only;
        // "Database cannot initiate outbound connections"; "Layer Isolation: Database cannot be accessed directly from
        // frontend"; the backend is denied "direct communication with frontend" and "direct access from database".
        Invariants =
        [
            AppInvariant.OnlyFrom("database", "backend"),
            AppInvariant.NoEgressBeyondDns("database"),
            AppInvariant.Never("frontend", "database"),
            AppInvariant.Never("backend", "frontend"),
            AppInvariant.Never("database", "backend"),
        ],
    };
}
