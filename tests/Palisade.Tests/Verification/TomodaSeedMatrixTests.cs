using System.Net;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Infra.Synthesis;

namespace Palisade.Tests.Verification;

/// <summary>
/// Seed 002 (tomoda on GKE) as the repository's `tomoda-dev` stack, computed from its rendered manifests under
/// Dataplane V2: only Traefik in traefik-system reaches the api (TCP 8080) and the frontend (TCP 8081); nothing reaches
/// the async worker; the api and the worker reach PostgreSQL and Redis in data and the internet on HTTPS only, never
/// private ranges; only the api reaches the GKE metadata server, on the Workload Identity endpoint; the seed's
/// "verifying enforcement" shell in default is blocked.
/// </summary>
public class TomodaSeedMatrixTests
{
    private static readonly SynthesisResult Result = TestApps.Synthesize(Palisade.Tests.Cloud.CloudStacks.Config("tomoda-dev"));

    private static ConnectivityResult Matrix => Result.Connectivity;

    private const string Traefik = "traefik-system/traefik[Deployment]";
    private const string Api = "tomoda/api[Deployment]";
    private const string Async = "tomoda/async[Deployment]";
    private const string Frontend = "tomoda/frontend[Deployment]";
    private const string Postgres = "data/postgres[StatefulSet]";
    private const string Redis = "data/redis[StatefulSet]";
    private const string Dns = "kube-system/coredns[Deployment]";
    private static readonly string[] Tiers = [Api, Async, Frontend, Postgres, Redis];
    private static readonly IPAddress Internet = IPAddress.Parse("142.250.1.1");

    private static ConnectionSet Tcp(int port) => ConnectionSet.For(Protocol.TCP, port, port);

    [Fact]
    public void Every_check_passes() =>
        Assert.True(Result.Passed, string.Join("; ", Result.Checks.Where(c => !c.Passed).SelectMany(c => c.Findings)));

    [Fact]
    public void Traefik_reaches_the_api_on_8080_and_the_frontend_on_8081_only()
    {
        Assert.Equal(Tcp(8080), Matrix.Between(Traefik, Api));
        Assert.Equal(Tcp(8081), Matrix.Between(Traefik, Frontend));
        foreach (var other in new[] { Async, Postgres, Redis })
        {
            Assert.True(Matrix.Between(Traefik, other).IsEmpty, other);
        }
    }

    [Theory]
    [InlineData(Api)]
    [InlineData(Frontend)]
    public void Nothing_but_traefik_reaches_the_exposed_tiers(string tier)
    {
        foreach (var source in Matrix.Workloads.Select(w => w.Id).Where(id => id != Traefik && id != tier))
        {
            Assert.True(Matrix.Between(source, tier).IsEmpty, $"{source} => {tier}");
        }

        Assert.True(Matrix.FromExternal(Internet, tier).IsEmpty);
        Assert.True(Matrix.FromExternal(IPAddress.Parse("10.20.0.7"), tier).IsEmpty);
    }

    [Fact]
    public void No_pod_and_no_address_reaches_the_async_worker() =>
        Assert.DoesNotContain(Matrix.Connections, c => c.Destination.Name == Async);

    [Theory]
    [InlineData(Api)]
    [InlineData(Async)]
    public void The_api_and_the_worker_reach_postgres_and_redis_on_their_ports_only(string tier)
    {
        Assert.Equal(Tcp(5432), Matrix.Between(tier, Postgres));
        Assert.Equal(Tcp(6379), Matrix.Between(tier, Redis));
    }

    [Fact]
    public void The_data_namespace_is_reached_from_the_api_and_the_worker_only()
    {
        foreach (var store in new[] { Postgres, Redis })
        {
            var sources = Matrix.Connections.Where(c => c.Destination.Name == store).Select(c => c.Source.Name).Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(new[] { Api, Async }, sources);
        }
    }

    [Theory]
    [InlineData(Api)]
    [InlineData(Async)]
    public void The_api_and_the_worker_reach_the_internet_on_https_only_never_private_ranges(string tier)
    {
        Assert.Equal(Tcp(443), Matrix.ToExternal(tier, Internet));
        Assert.Equal(Tcp(443), Matrix.ToExternal(tier, IPAddress.Parse("104.18.0.1")));
        foreach (var address in new[] { "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.252", "169.254.170.23" })
        {
            Assert.True(Matrix.ToExternal(tier, IPAddress.Parse(address)).IsEmpty, address);
        }
    }

    [Theory]
    [InlineData(Frontend)]
    [InlineData(Postgres)]
    [InlineData(Redis)]
    public void The_frontend_and_the_stores_open_nothing_but_dns(string tier)
    {
        var dns = ConnectionSet.For(Protocol.UDP, 53, 53).Union(ConnectionSet.For(Protocol.TCP, 53, 53));
        Assert.All(Matrix.Connections.Where(c => c.Source.Name == tier), c => Assert.Equal(Dns, c.Destination.Name));
        Assert.Equal(dns, Matrix.Between(tier, Dns));
    }

    [Fact]
    public void Only_the_api_reaches_the_gke_metadata_server_and_only_on_the_workload_identity_endpoint()
    {
        var metadata = IPAddress.Parse("169.254.169.254");
        Assert.Equal(Tcp(80), Matrix.ToExternal(Api, metadata));
        foreach (var tier in Tiers.Where(t => t != Api))
        {
            Assert.True(Matrix.ToExternal(tier, metadata).IsEmpty, tier);
        }
    }

    [Fact]
    public void Every_tier_resolves_through_kube_dns() =>
        Assert.All(Tiers, t => Assert.True(Matrix.Allows(t, Dns, Protocol.UDP, 53), t));

    /// <summary>The seed's check: `kubectl run shell -n default` then wget the api on 8080 must time out.</summary>
    [Fact]
    public void A_debug_pod_in_default_cannot_reach_the_api_or_the_frontend_but_traefik_can()
    {
        var files = Result.Files.ToDictionary(f => f.Key, f => f.Value);
        files["manifests/zz-debug-pod.yaml"] = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: shell
              namespace: default
            spec:
              containers:
                - name: shell
                  image: busybox
            """;
        var withShell = Synthesizer.AnalyzeRendered(files, Result.Stack.Platform.Cloud.Dataplane);

        Assert.True(withShell.Between("default/shell[Pod]", Api).IsEmpty);
        Assert.True(withShell.Between("default/shell[Pod]", Frontend).IsEmpty);
        Assert.True(withShell.Between("default/shell[Pod]", Async).IsEmpty);
        Assert.True(withShell.Between("default/shell[Pod]", Postgres).IsEmpty);
        Assert.Equal(Tcp(8080), withShell.Between(Traefik, Api));
    }
}
