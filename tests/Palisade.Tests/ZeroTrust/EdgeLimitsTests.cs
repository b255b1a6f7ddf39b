using Palisade.Components.Diagnostics;
using Palisade.Components.Graph;
using Palisade.Components.Ingress;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Composition;
using Palisade.Stacks.Platform;
using Palisade.Tests.Cloud;

namespace Palisade.Tests.ZeroTrust;

/// <summary>The edge limits: one declaration, validated with its key and range, refused by a kind that cannot enforce it.</summary>
public class EdgeLimitsTests
{
    private static AppSpec App(EdgeLimits limits, EdgeLimits? apiLimits = null) => new(
        "shop",
        [
            new TierSpec("web", "shop", [new ContainerPort(8080, Name: "http")]) { ExposedPort = "http" },
            new TierSpec("api", "shop", [new ContainerPort(9090, Name: "http")]) { ExposedPort = "http" },
        ],
        [],
        [],
        "shop.cs")
    {
        Ingress = new AppIngressSpec("shop", [new IngressRouteSpec("/api", "api") { Limits = apiLimits }, new IngressRouteSpec("/", "web")]) { Limits = limits },
    };

    [Fact]
    public void The_defaults_are_the_seed_limits()
    {
        var limits = EdgeLimits.Default;
        Assert.Equal((100, 100, 20, 10L * 1024 * 1024, 429), (limits.RequestsPerSecond, limits.Burst, limits.Connections, limits.BodyBytes, limits.LimitedStatus));
        AppValidator.Validate(App(limits));
    }

    [Theory]
    [InlineData(0, 100, 20, 10_485_760, 429, "requestsPerSecond", "1 to 10000")]
    [InlineData(-5, 100, 20, 10_485_760, 429, "requestsPerSecond", "1 to 10000")]
    [InlineData(100, 99, 20, 10_485_760, 429, "burst", "100 (the rate) to 100000")]
    [InlineData(100, 100, 0, 10_485_760, 429, "connections", "1 to 10000")]
    [InlineData(100, 100, 20, 0, 429, "bodyBytes", "1024 to 1073741824 bytes")]
    [InlineData(100, 100, 20, 1_073_741_825, 429, "bodyBytes", "1024 to 1073741824 bytes")]
    [InlineData(100, 100, 20, long.MaxValue, 429, "bodyBytes", "1024 to 1073741824 bytes")]
    [InlineData(100, 100, 20, 10_485_760, 200, "limitedStatus", "429 (Too Many Requests) or 503")]
    public void An_out_of_range_limit_names_the_app_source_the_key_and_the_range(int rps, int burst, int connections, long body, int status, string key, string range)
    {
        var limits = new EdgeLimits { RequestsPerSecond = rps, Burst = burst, Connections = connections, BodyBytes = body, LimitedStatus = status };
        var error = Assert.Throws<InputError>(() => AppValidator.Validate(App(limits)));
        Assert.Equal($"shop.cs: app 'shop' ingress limits.{key}", error.Location);
        Assert.Contains(range, error.Message, StringComparison.Ordinal);

        var onRoute = Assert.Throws<InputError>(() => AppValidator.Validate(App(EdgeLimits.Default, limits)));
        Assert.Equal($"shop.cs: app 'shop' ingress routes[0] (/api -> api) limits.{key}", onRoute.Location);
    }

    [Fact]
    public void A_limit_the_kind_cannot_enforce_is_refused_naming_the_kinds_that_can()
    {
        var nginx = new NginxIngress(new Configured("example.com", "domain"), "nginx-ingress", true, new Dictionary<string, string>());
        var error = Assert.Throws<InputError>(() => nginx.RequireEnforceable([App(EdgeLimits.Default)]));
        Assert.Equal("shop.cs: app 'shop' ingress routes[0] (/api -> api) limits.connections", error.Location);
        Assert.Contains("ingress nginx cannot enforce 20 connections per client", error.Message, StringComparison.Ordinal);
        Assert.Contains("Kinds that can: ingress-nginx, traefik;", error.Message, StringComparison.Ordinal);
        Assert.Contains("palisade:unenforcedLimits: [connections]", error.Message, StringComparison.Ordinal);

        (nginx with { Unenforced = new HashSet<EdgeLimit> { EdgeLimit.Connections } }).RequireEnforceable([App(EdgeLimits.Default)]);
    }

    [Fact]
    public void A_value_a_kind_cannot_express_is_refused_even_where_the_kind_has_the_limit()
    {
        var community = new IngressNginx(new Configured("example.com", "domain"), "ingress-nginx", true);
        var error = Assert.Throws<InputError>(() => community.RequireEnforceable([App(EdgeLimits.Default with { Burst = 150 })]));
        Assert.EndsWith("limits.burst", error.Location, StringComparison.Ordinal);
        Assert.Contains("whole multiple of the rate", error.Message, StringComparison.Ordinal);
        Assert.Contains("Kinds that can: nginx, traefik;", error.Message, StringComparison.Ordinal);

        var unmanaged = community with { Installs = false };
        Assert.EndsWith("limits.limitedStatus", Assert.Throws<InputError>(() => unmanaged.RequireEnforceable([App(EdgeLimits.Default)])).Location, StringComparison.Ordinal);
    }

    [Fact]
    public void Routes_with_their_own_limits_get_an_ingress_of_their_own()
    {
        var app = App(EdgeLimits.Default, EdgeLimits.Default with { RequestsPerSecond = 10, Burst = 20 });
        var graph = new ResourceGraph("palisade", "t");
        var provider = graph.AddResource(graph.Root, KubernetesTypes.Provider, "k8s", MapValue.Empty);
        var config = CloudStacks.Parse("config:\n  palisade:apps: [voting]\n");
        var namespaces = StackNamespaces.Create(graph, config, StackPlatform.Read(config), provider, [app]);
        var tiered = TieredApp.Create(graph, graph.Root, new TieredAppArgs { App = app, Provider = provider, Platform = StackPlatform.Read(config).Peers, Namespaces = namespaces });

        var ingresses = AppIngress.Create(graph, tiered, new NginxOrgStyle("nginx"), "example.com", provider, []);

        Assert.Equal(["shop-api-shop-ingress", "shop-shop-ingress"], ingresses.Select(i => i.LogicalName).Order(StringComparer.Ordinal));
        var api = ingresses.Single(i => i.LogicalName == "shop-api-shop-ingress");
        Assert.Equal(new StringValue("10r/s"), ((MapValue)api.Prop("metadata.annotations"))["nginx.org/limit-req-rate"]);
        Assert.Equal(new StringValue("/api"), api.Prop("spec.rules.0.http.paths.0.path"));
        var main = ingresses.Single(i => i.LogicalName == "shop-shop-ingress");
        Assert.Equal(new StringValue("100r/s"), ((MapValue)main.Prop("metadata.annotations"))["nginx.org/limit-req-rate"]);
        Assert.Single(((ListValue)main.Prop("spec.rules.0.http.paths")).Items);
    }

    [Fact]
    public void The_waf_window_is_the_shortest_whose_budget_pulumi_aws_accepts()
    {
        Assert.Equal(60, WafRateLimitAcl.WindowFor(100));
        Assert.Equal(60, WafRateLimitAcl.WindowFor(2));
        Assert.Equal(120, WafRateLimitAcl.WindowFor(1));
    }

    [Fact]
    public void The_content_length_pattern_matches_exactly_the_numbers_above_the_bound()
    {
        var random = new Random(1207);
        for (var round = 0; round < 300; round++)
        {
            var bound = round < 20 ? round : random.NextInt64(0, 2_000_000_000);
            var regex = new System.Text.RegularExpressions.Regex(DecimalAbove.Pattern(bound));
            foreach (var n in new[] { bound - 1, bound, bound + 1, bound * 10, bound / 10, random.NextInt64(0, 4_000_000_000) }.Where(n => n >= 0))
            {
                Assert.True(regex.IsMatch(n.ToString(System.Globalization.CultureInfo.InvariantCulture)) == n > bound, $"bound {bound}, value {n}");
                Assert.True(regex.IsMatch("00" + n.ToString(System.Globalization.CultureInfo.InvariantCulture)) == n > bound, $"bound {bound}, value 00{n}");
            }

            Assert.DoesNotMatch(regex, "");
            Assert.DoesNotMatch(regex, "1x");
        }
    }
}
