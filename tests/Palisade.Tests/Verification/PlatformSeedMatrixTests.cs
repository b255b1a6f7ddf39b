using System.Net;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Infra.Synthesis;

namespace Palisade.Tests.Verification;

/// <summary>
/// Seed 003 (the multi-tenant platform) as the repository's `platform` stack, computed from its rendered manifests:
/// BunkerWeb in ingress-system reaches each tenant's web tier on its application port only (7.4.1), Prometheus in
/// monitoring scrapes the metrics and health ports (7.4.2), tenants call Keycloak by explicit egress (7.5.3) and the
/// internet on HTTPS only without private ranges (7.5.2), and tenants never reach each other or the system namespaces.
/// </summary>
public class PlatformSeedMatrixTests
{
    private static readonly SynthesisResult Result = TestApps.Synthesize(Palisade.Tests.Cloud.CloudStacks.Config("platform"));

    private static ConnectivityResult Matrix => Result.Connectivity;

    private static readonly string[] Tenants = ["tenant-a", "tenant-b"];
    private const string BunkerWeb = "ingress-system/bunkerweb-controller[Deployment]";
    private const string Prometheus = "monitoring/prometheus[StatefulSet]";
    private const string Keycloak = "keycloak/keycloak[Deployment]";

    private static ConnectionSet Tcp(params int[] ports) => ports.Aggregate(ConnectionSet.None, (s, p) => s.Union(ConnectionSet.For(Protocol.TCP, p, p)));

    private static string Web(string tenant) => $"{tenant}/web[Deployment]";

    private static string Api(string tenant) => $"{tenant}/api[Deployment]";

    [Fact]
    public void Every_check_passes() =>
        Assert.True(Result.Passed, string.Join("; ", Result.Checks.Where(c => !c.Passed).SelectMany(c => c.Findings)));

    [Theory]
    [InlineData("tenant-a")]
    [InlineData("tenant-b")]
    public void The_ingress_reaches_the_web_tier_on_its_application_port_only(string tenant)
    {
        Assert.Equal(Tcp(8080), Matrix.Between(BunkerWeb, Web(tenant)));
        Assert.True(Matrix.Between(BunkerWeb, Api(tenant)).IsEmpty);
    }

    [Theory]
    [InlineData("tenant-a")]
    [InlineData("tenant-b")]
    public void Monitoring_scrapes_metrics_and_health_ports(string tenant)
    {
        Assert.Equal(Tcp(9090, 8081), Matrix.Between(Prometheus, Web(tenant)));
        Assert.Equal(Tcp(9090), Matrix.Between(Prometheus, Api(tenant)));
    }

    [Theory]
    [InlineData("tenant-a")]
    [InlineData("tenant-b")]
    public void The_api_calls_keycloak_and_https_on_the_internet_only(string tenant)
    {
        Assert.Equal(Tcp(8443), Matrix.Between(Api(tenant), Keycloak));
        Assert.True(Matrix.Between(Web(tenant), Keycloak).IsEmpty);
        Assert.Equal(Tcp(443), Matrix.ToExternal(Api(tenant), IPAddress.Parse("142.250.1.1")));
        Assert.All(new[] { "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "169.254.170.23" },
            a => Assert.True(Matrix.ToExternal(Api(tenant), IPAddress.Parse(a)).IsEmpty, a));
        Assert.True(Matrix.ToExternal(Web(tenant), IPAddress.Parse("142.250.1.1")).IsEmpty);
    }

    [Fact]
    public void Tenants_never_reach_each_other_in_either_direction()
    {
        foreach (var from in Tenants)
        {
            foreach (var to in Tenants.Where(t => t != from))
            {
                foreach (var source in new[] { Web(from), Api(from) })
                {
                    foreach (var destination in new[] { Web(to), Api(to) })
                    {
                        Assert.True(Matrix.Between(source, destination).IsEmpty, $"{source} => {destination}");
                    }
                }
            }
        }
    }

    [Fact]
    public void System_and_platform_namespaces_are_protected_from_tenants()
    {
        var dns = ConnectionSet.For(Protocol.UDP, 53, 53).Union(ConnectionSet.For(Protocol.TCP, 53, 53));
        foreach (var workload in Tenants.SelectMany(t => new[] { Web(t), Api(t) }))
        {
            foreach (var platform in Matrix.Workloads.Where(w => !Tenants.Contains(w.Namespace)))
            {
                var open = Matrix.Between(workload, platform.Id);
                var allowed = platform.Id switch
                {
                    "kube-system/coredns[Deployment]" => dns,
                    Keycloak when workload.EndsWith("/api[Deployment]", StringComparison.Ordinal) => Tcp(8443),
                    _ => ConnectionSet.None,
                };
                Assert.True(open.Union(allowed).Equals(allowed), $"{workload} => {platform.Id}: {open}");
            }
        }
    }
}
