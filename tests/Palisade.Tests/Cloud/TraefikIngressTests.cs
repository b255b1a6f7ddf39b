using Palisade.Components.Diagnostics;
using Palisade.Components.Graph;
using Palisade.Components.Ingress;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Composition;
using Palisade.Stacks.Platform;

namespace Palisade.Tests.Cloud;

/// <summary>The traefik ingress kind: its chart, its pods as the declared peer, and the Middlewares its Ingresses name.</summary>
public class TraefikIngressTests
{
    private const string Gcp = """
        config:
          gcp:project: p-123456
          gcp:region: europe-west1
          palisade:apps: [tomoda]
          palisade:cloud: gcp
          palisade:ingress: traefik
          palisade:apiAccessCidrs: [203.0.113.0/24]
          palisade:masterCidr: 172.16.0.0/28
          palisade:domain: example.com

        """;

    private static SynthesizedStack Tomoda => CloudStacks.Compose("tomoda-dev");

    [Fact]
    public void The_chart_is_pinned_redirects_http_to_https_terminates_tls_and_keeps_client_addresses()
    {
        var release = Tomoda.Graph.Resource("traefik");
        Assert.Equal(KubernetesTypes.HelmRelease, release.Type);
        Assert.Equal(new StringValue("traefik"), release.Prop("chart"));
        Assert.Equal(new StringValue("41.6.1"), release.Prop("version"));
        Assert.Equal(new StringValue("https://traefik.github.io/charts"), release.Prop("repositoryOpts.repo"));
        Assert.Equal(new StringValue("traefik"), release.Prop("name"));
        Assert.Equal(new StringValue("traefik-system"), release.Prop("namespace"));
        Assert.Equal(new StringValue("websecure"), release.Prop("values.ports.web.http.redirections.entryPoint.to"));
        Assert.Equal(new StringValue("https"), release.Prop("values.ports.web.http.redirections.entryPoint.scheme"));
        Assert.Equal(new BoolValue(true), release.Prop("values.ports.web.http.redirections.entryPoint.permanent"));
        Assert.Equal(new BoolValue(true), release.Prop("values.ports.websecure.http.tls.enabled"));
        Assert.Equal(new StringValue("Local"), release.Prop("values.service.spec.externalTrafficPolicy"));
        Assert.Equal(new BoolValue(false), release.Prop("values.ingressClass.isDefaultClass"));
        Assert.Equal(new BoolValue(true), release.Prop("values.providers.kubernetesCRD.enabled"));
    }

    [Fact]
    public void The_controller_is_the_charts_pods_in_its_namespace()
    {
        var controller = Tomoda.Platform.Ingress!.Controller!;
        Assert.Equal("traefik-system", controller.Namespace);
        Assert.Equal(Labels.Of(("app.kubernetes.io/name", "traefik"), ("app.kubernetes.io/instance", "traefik-traefik-system")), controller.PodLabels);

        var moved = StackPlatform.Read(CloudStacks.Parse(Gcp + "  palisade:ingressNamespace: edge\n")).Ingress!.Controller!;
        Assert.Equal("edge", moved.Namespace);
        Assert.Equal("traefik-edge", moved.PodLabels["app.kubernetes.io/instance"]);
    }

    [Fact]
    public void Exposed_tiers_admit_exactly_the_controller_pods_on_their_exposed_port()
    {
        var allowances = Tomoda.Policies.Where(p => p.Role == PolicyRole.PlatformAllowance).Select(p => $"{p.Namespace}/{p.Name}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["tomoda/tomoda-api-from-ingress-controller", "tomoda/tomoda-frontend-from-ingress-controller"], allowances);
        var rendered = TestApps.Synthesize(CloudStacks.Config("tomoda-dev")).Files["manifests/tomoda.yaml"];
        Assert.Contains("app.kubernetes.io/instance: traefik-traefik-system", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_middleware_the_ingress_names_exists_in_its_namespace_with_the_limits_by_client_address()
    {
        var graph = Tomoda.Graph;
        var ingress = graph.Resource("tomoda-tomoda-ingress");
        var annotations = (MapValue)ingress.Prop("metadata.annotations");
        Assert.Equal(new StringValue("websecure"), annotations["traefik.ingress.kubernetes.io/router.entrypoints"]);
        Assert.Equal(new StringValue("true"), annotations["traefik.ingress.kubernetes.io/router.tls"]);
        Assert.Equal(new StringValue("traefik"), ingress.Prop("spec.ingressClassName"));

        var middlewares = graph.Resources.SelectMany(KubernetesObjectGroup.Objects)
            .Where(o => o["kind"] is StringValue { Text: "Middleware" })
            .ToDictionary(o => $"{Namespace(o)}-{((StringValue)o.At("metadata.name")).Text}@kubernetescrd", o => (MapValue)o["spec"]!);
        var named = ((StringValue)annotations["traefik.ingress.kubernetes.io/router.middlewares"]!).Text.Split(',');
        Assert.Equal(3, named.Length);
        Assert.All(named, n => Assert.True(middlewares.ContainsKey(n), $"{n} is not among {string.Join(", ", middlewares.Keys)}"));

        var rate = middlewares["tomoda-tomoda-rate-limit@kubernetescrd"];
        Assert.Equal(new NumberValue(100), rate.At("rateLimit.average"));
        Assert.Equal(new NumberValue(100), rate.At("rateLimit.burst"));
        Assert.Equal(new StringValue("1s"), rate.At("rateLimit.period"));
        Assert.Equal(MapValue.Empty, rate.At("rateLimit.sourceCriterion.ipStrategy"));
        var inFlight = middlewares["tomoda-tomoda-in-flight-limit@kubernetescrd"];
        Assert.Equal(new NumberValue(20), inFlight.At("inFlightReq.amount"));
        Assert.Equal(MapValue.Empty, inFlight.At("inFlightReq.sourceCriterion.ipStrategy"));
        Assert.Equal(new NumberValue(10 * 1024 * 1024), middlewares["tomoda-tomoda-body-limit@kubernetescrd"].At("buffering.maxRequestBodyBytes"));

        var groups = graph.Resources.Where(r => KubernetesObjectGroup.Objects(r).Any()).ToList();
        Assert.All(groups, g => Assert.Contains(g, ingress.Options.DependsOn));
        Assert.All(groups, g => Assert.Contains(graph.Resource("traefik"), g.Options.DependsOn));
    }

    [Fact]
    public void Traefik_is_installed_only_into_clusters_the_stack_creates()
    {
        var error = Assert.Throws<InputError>(() => StackPlatform.Read(CloudStacks.Parse("""
            config:
              palisade:apps: [voting]
              palisade:kubeContext: test
              palisade:ingress: traefik
              palisade:domain: example.com
            """)));
        Assert.Equal("Pulumi.t.yaml: palisade:ingress", error.Location);
        Assert.Contains("ingress traefik is not available on cloud existing", error.Message);
        Assert.Contains("palisade:ingress external", error.Fix);
    }

    [Fact]
    public void No_app_may_run_in_the_traefik_namespace()
    {
        var error = Assert.Throws<InputError>(() => TestApps.Compose(CloudStacks.Parse(Gcp + "  palisade:ingressNamespace: data\n")));
        Assert.Contains("the namespace of the traefik ingress controller", error.Message);
    }

    [Fact]
    public void A_routes_own_limits_become_its_own_middlewares()
    {
        var graph = new ResourceGraph("palisade", "t");
        var provider = graph.AddResource(graph.Root, KubernetesTypes.Provider, "k8s", MapValue.Empty);
        var ingress = new AppIngressSpec("shop", [new IngressRouteSpec("/upload", "api")]);
        var limits = EdgeLimits.Default with { RequestsPerSecond = 7, Burst = 30, Connections = 3, BodyBytes = 50 * EdgeLimits.Mebibyte };
        var edge = new TraefikIngressStyle().Edge(new IngressSite
        {
            Graph = graph, Parent = graph.Root, AppName = "shop", Namespace = "web", NamespaceRef = "web", Name = "shop-upload",
            Ingress = ingress, Routes = ingress.Routes, Limits = limits, KubernetesProvider = provider,
        });

        var specs = edge.Resources.SelectMany(KubernetesObjectGroup.Objects)
            .ToDictionary(o => ((StringValue)o.At("metadata.name")).Text, o => (MapValue)o["spec"]!);
        Assert.Equal(["shop-upload-body-limit", "shop-upload-in-flight-limit", "shop-upload-rate-limit"], specs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new NumberValue(7), specs["shop-upload-rate-limit"].At("rateLimit.average"));
        Assert.Equal(new NumberValue(30), specs["shop-upload-rate-limit"].At("rateLimit.burst"));
        Assert.Equal(new NumberValue(3), specs["shop-upload-in-flight-limit"].At("inFlightReq.amount"));
        Assert.Equal(new NumberValue(50 * EdgeLimits.Mebibyte), specs["shop-upload-body-limit"].At("buffering.maxRequestBodyBytes"));
        Assert.Equal(new StringValue("web-shop-upload-rate-limit@kubernetescrd,web-shop-upload-in-flight-limit@kubernetescrd,web-shop-upload-body-limit@kubernetescrd"),
            edge.Annotations["traefik.ingress.kubernetes.io/router.middlewares"]);
    }

    [Fact]
    public void Traefik_enforces_every_declared_limit_but_answers_429_only()
    {
        Assert.All(Enum.GetValues<EdgeLimit>(), l => Assert.Null(TraefikIngress.Support.Problem(EdgeLimits.Default, l)));
        Assert.Contains("429", TraefikIngress.Support.Problem(EdgeLimits.Default with { LimitedStatus = 503 }, EdgeLimit.LimitedStatus));
    }

    [Fact]
    public void A_platform_teams_traefik_gets_the_middlewares_for_its_class_and_nothing_is_installed()
    {
        var stack = TestApps.Compose(CloudStacks.Parse("""
            config:
              palisade:apps: [voting]
              palisade:kubeContext: test
              palisade:ingress: external
              palisade:ingressController: traefik
              palisade:ingressNamespace: edge
              palisade:ingressPodLabels: {app.kubernetes.io/name: traefik}
              palisade:ingressClassName: edge-traefik
              palisade:domain: example.com
            """));
        var ingress = stack.Graph.Resources.Single(r => r.Type == KubernetesTypes.Ingress);
        Assert.Equal(new StringValue("edge-traefik"), ingress.Prop("spec.ingressClassName"));
        Assert.Equal(3, stack.Graph.Resources.Count(r => KubernetesObjectGroup.Objects(r).Any()));
        Assert.DoesNotContain(stack.Graph.Resources, r => r.Type == KubernetesTypes.HelmRelease);
    }

    private static string Namespace(MapValue obj) => obj.At("metadata.namespace") switch
    {
        StringValue s => s.Text,
        var reference => Palisade.Infra.Emit.ResolvedValues.Text(reference),
    };
}
