using System.Net;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Infra.Manifests;

namespace Palisade.Tests.Connectivity;

/// <summary>The seed systems written as manifests, with the connectivity their documents promise asserted.</summary>
public sealed class SeedSystemTests
{
    private static readonly IPAddress Internet = IPAddress.Parse("52.46.130.10");
    private static readonly IPAddress Metadata = IPAddress.Parse("169.254.169.254");

    private static ConnectivityResult Analyze(string fixture)
    {
        var read = ManifestDirectoryReader.Read(ConnectivityFixtures.PathOf(fixture));
        var result = ConnectivityAnalyzer.Analyze(read.Cluster);
        Assert.Equal(TestCluster.Lines(PairwiseEvaluator.Evaluate(read.Cluster)), TestCluster.Lines(result));
        return result;
    }

    [Fact]
    public void GovTech_default_deny_with_exact_allows()
    {
        const string frontend = "govtech/frontend[Deployment]";
        const string backend = "govtech/backend[Deployment]";
        const string database = "govtech/postgres[StatefulSet]";
        const string dns = "kube-system/coredns[Deployment]";
        const string controller = "kube-system/ingress-nginx-controller[Deployment]";
        var result = Analyze("govtech");

        Assert.Equal("TCP 3000", result.Between(frontend, backend).ToString());
        Assert.True(result.Between(frontend, database).IsEmpty);
        Assert.Equal("TCP 5432", result.Between(backend, database).ToString());
        Assert.True(result.Between(database, backend).IsEmpty);
        Assert.True(result.Between(backend, frontend).IsEmpty);

        Assert.True(result.ToExternal(database, IPAddress.Parse("142.250.1.1")).IsEmpty);
        Assert.DoesNotContain(result.Connections, c => c.Source.Name == database && c.Destination.IsExternal);
        Assert.Equal("TCP 443", result.ToExternal(backend, Internet).ToString());
        foreach (var privateAddress in new[] { "10.0.0.1", "172.16.5.5", "192.168.1.1" })
        {
            Assert.True(result.ToExternal(backend, IPAddress.Parse(privateAddress)).IsEmpty, privateAddress);
        }

        Assert.True(result.ToExternal(frontend, Internet).IsEmpty);
        foreach (var workload in new[] { frontend, backend, database })
        {
            Assert.True(result.Allows(workload, dns, Protocol.UDP, 53), workload);
        }

        Assert.Equal("TCP 53; UDP 53", result.Between(frontend, dns).ToString());
        Assert.Equal("UDP 53", result.Between(database, dns).ToString());
        Assert.Equal("TCP 80", result.Between(controller, frontend).ToString());
        Assert.Equal("TCP 3000", result.Between(controller, backend).ToString());
        Assert.True(result.Between(controller, database).IsEmpty);
        Assert.True(result.FromExternal(Internet, frontend).IsEmpty);
        Assert.True(result.FromExternal(Internet, controller).IsAll);
    }

    [Fact]
    public void Tomoda_only_traefik_reaches_api_and_frontend_nothing_reaches_async_egress_is_open()
    {
        const string api = "tomoda/tomoda-api[Deployment]";
        const string async = "tomoda/tomoda-async[Deployment]";
        const string frontend = "tomoda/frontend[Deployment]";
        const string traefik = "traefik-system/traefik[DaemonSet]";
        const string postgres = "data/postgres-prod[Cluster]";
        const string redis = "data/redis-master[StatefulSet]";
        const string shell = "default/shell[Pod]";
        var result = Analyze("tomoda");

        Assert.Equal("TCP 8080", result.Between(traefik, api).ToString());
        Assert.Equal("TCP 8081", result.Between(traefik, frontend).ToString());
        foreach (var other in new[] { postgres, redis, shell, frontend, async })
        {
            Assert.True(result.Between(other, api).IsEmpty, other);
        }

        Assert.True(result.Between(shell, frontend).IsEmpty);
        Assert.DoesNotContain(result.Connections, c => c.Destination.Name == async);
        Assert.True(result.FromExternal(Internet, api).IsEmpty);

        Assert.True(result.Between(api, postgres).IsAll);
        Assert.True(result.Between(async, redis).IsAll);
        Assert.True(result.ToExternal(api, Internet).IsAll);
        Assert.True(result.ToExternal(async, Metadata).IsAll);
        Assert.True(result.FromExternal(Internet, postgres).IsAll);
    }

    [Fact]
    public void Multi_tenant_guardrails_isolate_tenants_allow_dns_platform_and_block_metadata()
    {
        const string webA = "tenant-a/web[Deployment]";
        const string workerA = "tenant-a/worker[Deployment]";
        const string webB = "tenant-b/web[Deployment]";
        const string workerB = "tenant-b/worker[Deployment]";
        const string dns = "kube-system/coredns[Deployment]";
        const string bunkerweb = "ingress-system/bunkerweb[Deployment]";
        const string prometheus = "monitoring/prometheus[StatefulSet]";
        var result = Analyze("multitenant");

        foreach (var (a, b) in new[] { (webA, webB), (webA, workerB), (workerA, webB), (webB, webA), (workerB, workerA) })
        {
            Assert.True(result.Between(a, b).IsEmpty, $"{a} -> {b}");
        }

        Assert.True(result.Between(webA, workerA).IsAll);
        Assert.True(result.Between(workerB, webB).IsAll);
        foreach (var tenantWorkload in new[] { webA, workerA, webB, workerB })
        {
            Assert.Equal("TCP 53; UDP 53", result.Between(tenantWorkload, dns).ToString());
            Assert.True(result.Between(tenantWorkload, prometheus).IsEmpty);
            Assert.True(result.ToExternal(tenantWorkload, Metadata).IsEmpty, tenantWorkload);
        }

        Assert.Equal("TCP 8080", result.Between(bunkerweb, webA).ToString());
        Assert.Equal("TCP 8080", result.Between(bunkerweb, webB).ToString());
        Assert.True(result.Between(bunkerweb, workerA).IsEmpty);
        Assert.Equal("TCP 8081,9090", result.Between(prometheus, webA).ToString());
        Assert.Equal("TCP 9091", result.Between(prometheus, workerB).ToString());

        Assert.Equal("TCP 443", result.ToExternal(webA, Internet).ToString());
        Assert.True(result.ToExternal(webA, IPAddress.Parse("10.20.0.1")).IsEmpty);
        Assert.True(result.ToExternal(workerA, Internet).IsEmpty);
        Assert.True(result.ToExternal(webB, Internet).IsEmpty);
        Assert.True(result.FromExternal(Internet, webA).IsEmpty);
    }
}
