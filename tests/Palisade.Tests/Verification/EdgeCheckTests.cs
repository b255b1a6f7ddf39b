using Palisade.Infra.Checks;
using Palisade.Infra.Synthesis;
using Palisade.Tests.Cloud;

namespace Palisade.Tests.Verification;

/// <summary>
/// The edge checks read the rendered program and manifests, not the declaration: each passes on the shipped stacks,
/// and an edit of the rendered files that drops or weakens what the controller enforces fails it, naming the route.
/// </summary>
public class EdgeCheckTests
{
    private static readonly SynthesisResult Dev = TestApps.Synthesize(CloudStacks.Config("dev"));
    private static readonly SynthesisResult Prod = TestApps.Synthesize(CloudStacks.Config("prod"));

    private static CheckResult Check(SynthesisResult result, string name, Func<string, string, string>? edit = null)
    {
        var files = result.Files.ToDictionary(f => f.Key, f => edit?.Invoke(f.Key, f.Value) ?? f.Value);
        var connectivity = edit is null ? result.Connectivity : Synthesizer.AnalyzeRendered(files, result.Stack.Platform.Cloud.Dataplane);
        return EdgeChecks.Run(result.Stack, files, connectivity, result.Declared).Single(c => c.Name == name);
    }

    private static Func<string, string, string> In(string file, string from, string to) => (path, text) =>
    {
        if (path != file)
        {
            return text;
        }

        Assert.Contains(from, text, StringComparison.Ordinal);
        return text.Replace(from, to, StringComparison.Ordinal);
    };

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    [InlineData("gke")]
    [InlineData("platform")]
    [InlineData("tomoda-dev")]
    public void The_shipped_stacks_pass_every_edge_check(string stack)
    {
        var result = TestApps.Synthesize(CloudStacks.Config(stack));
        var edge = result.Checks.Where(c => c.Id.ToString().StartsWith("edge-", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, edge.Count);
        Assert.All(edge, c => Assert.True(c.Passed, string.Join("; ", c.Findings)));
    }

    [Fact]
    public void A_stripped_rate_annotation_fails_naming_the_route_and_the_limit()
    {
        var check = Check(Dev, EdgeChecks.LimitsName, In("manifests/govtech.yaml", "    nginx.org/limit-req-rate: \"100r/s\"\n", string.Empty));
        Assert.False(check.Passed);
        Assert.Contains(check.Findings, f => f.StartsWith("route govtech /api -> backend (Ingress govtech/govtech): requestsPerSecond missing", StringComparison.Ordinal));
        Assert.Contains(check.Findings, f => f.StartsWith("route govtech / -> frontend (Ingress govtech/govtech): requestsPerSecond missing", StringComparison.Ordinal));
        Assert.DoesNotContain(check.Findings, f => f.Contains("voting", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rate_keyed_by_something_other_than_the_client_is_not_a_per_client_limit()
    {
        var check = Check(Dev, EdgeChecks.LimitsName, In("manifests/voting-frontend.yaml", "nginx.org/limit-req-key: ${binary_remote_addr}", "nginx.org/limit-req-key: ${server_name}"));
        Assert.False(check.Passed);
        Assert.Contains(check.Findings, f => f.Contains("voting / -> frontend", StringComparison.Ordinal) && f.Contains("not the client address", StringComparison.Ordinal));
    }

    [Fact]
    public void A_weaker_body_limit_is_named_with_both_values()
    {
        var check = Check(Dev, EdgeChecks.LimitsName, In("manifests/voting-frontend.yaml", "nginx.org/client-max-body-size: \"10m\"", "nginx.org/client-max-body-size: \"100m\""));
        Assert.Contains(check.Findings, f => f.Contains("voting / -> frontend", StringComparison.Ordinal) && f.Contains("bodyBytes is 104857600, 10485760 is declared", StringComparison.Ordinal));
    }

    [Fact]
    public void A_waf_rule_without_its_explicit_window_or_with_another_body_bound_fails()
    {
        var window = Check(Prod, EdgeChecks.LimitsName, In("Main.yaml", "              evaluationWindowSec: 60\n", string.Empty));
        Assert.Contains(window.Findings, f => f.Contains("requestsPerSecond missing", StringComparison.Ordinal) && f.Contains("(not explicit)", StringComparison.Ordinal));

        var body = Check(Prod, EdgeChecks.LimitsName, In("Main.yaml", "1048576[1-9])", "1048576[0-9])"));
        Assert.Contains(body.Findings, f => f.Contains("bodyBytes missing", StringComparison.Ordinal));
    }

    [Fact]
    public void An_ingress_without_the_waf_annotation_has_no_limits()
    {
        var check = Check(Prod, EdgeChecks.LimitsName, In("manifests/cluster.yaml", "  wafv2AclArn: \"<known after deploy: waf-acl.arn>\"\n", string.Empty));
        Assert.Contains(check.Findings, f => f.StartsWith("route govtech /api -> backend", StringComparison.Ordinal) && f.Contains("names no web ACL", StringComparison.Ordinal));
    }

    [Fact]
    public void An_exposed_tier_open_to_the_internet_fails_the_reach_check()
    {
        var check = Check(Dev, EdgeChecks.ReachName, In("manifests/voting-frontend.yaml",
            "        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: nginx-ingress\n",
            "        - ipBlock:\n            cidr: 0.0.0.0/0\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: nginx-ingress\n"));
        Assert.False(check.Passed);
        Assert.Contains(check.Findings, f => f.Contains("reaches exposed tier voting-frontend/frontend[Deployment]", StringComparison.Ordinal));
    }

    [Fact]
    public void The_controller_on_more_than_the_exposed_port_fails_the_reach_check()
    {
        var check = Check(Dev, EdgeChecks.ReachName, In("manifests/voting-frontend.yaml",
            "      ports:\n        - port: http\n          protocol: TCP\n  podSelector:\n    matchLabels:\n      app.kubernetes.io/component: frontend",
            "  podSelector:\n    matchLabels:\n      app.kubernetes.io/component: frontend"));
        Assert.Contains(check.Findings, f => f.Contains("nginx-ingress/nginx-ingress-controller[Deployment] reaches exposed tier voting-frontend/frontend[Deployment]", StringComparison.Ordinal));
    }

    [Fact]
    public void An_alb_without_the_http_redirect_fails_the_tls_check()
    {
        var check = Check(Prod, EdgeChecks.TlsName, In("manifests/govtech.yaml", "alb.ingress.kubernetes.io/ssl-redirect: \"443\"", "alb.ingress.kubernetes.io/ssl-redirect: \"\""));
        Assert.Contains(check.Findings, f => f == "Ingress govtech/govtech: HTTP is not redirected to 443 (ssl-redirect '')");
    }

    [Fact]
    public void A_routed_tier_whose_service_loses_its_health_path_fails()
    {
        var check = Check(Prod, EdgeChecks.HealthName, In("manifests/govtech.yaml", "    alb.ingress.kubernetes.io/healthcheck-path: /api/health\n", string.Empty));
        Assert.Contains(check.Findings, f => f == "app govtech tier backend: Service govtech/backend has health-check path '(none: /)', /api/health is declared");
        Assert.True(Check(Dev, EdgeChecks.HealthName).Passed);
    }

    [Fact]
    public void A_traefik_route_whose_middleware_loses_its_client_grouping_or_its_amount_fails_the_limits_check()
    {
        var tomoda = TestApps.Synthesize(CloudStacks.Config("tomoda-dev"));
        Assert.True(Check(tomoda, EdgeChecks.LimitsName).Passed);
        var ungrouped = Check(tomoda, EdgeChecks.LimitsName, In("manifests/tomoda.yaml", "  rateLimit:\n    average: 100\n    burst: 100\n    period: \"1s\"\n    sourceCriterion:\n      ipStrategy: {}\n",
            "  rateLimit:\n    average: 100\n    burst: 100\n    period: \"1s\"\n"));
        Assert.Contains(ungrouped.Findings, f => f.StartsWith("route tomoda /api -> api", StringComparison.Ordinal) && f.Contains("requestsPerSecond missing", StringComparison.Ordinal));
        var wider = Check(tomoda, EdgeChecks.LimitsName, In("manifests/tomoda.yaml", "    amount: 20\n", "    amount: 200\n"));
        Assert.Contains(wider.Findings, f => f.Contains("connections is 200, 20 is declared", StringComparison.Ordinal));
    }

    [Fact]
    public void A_traefik_ingress_routed_on_plain_http_or_a_release_without_the_redirect_fails_the_tls_check()
    {
        var tomoda = TestApps.Synthesize(CloudStacks.Config("tomoda-dev"));
        Assert.True(Check(tomoda, EdgeChecks.TlsName).Passed);
        var plain = Check(tomoda, EdgeChecks.TlsName, In("manifests/tomoda.yaml", "traefik.ingress.kubernetes.io/router.tls: \"true\"", "traefik.ingress.kubernetes.io/router.tls: \"false\""));
        Assert.Contains(plain.Findings, f => f.StartsWith("Ingress tomoda/tomoda: not routed on websecure with TLS only", StringComparison.Ordinal));
        var noRedirect = Check(tomoda, EdgeChecks.TlsName, In(SynthesisResult.ProgramFile, "                  to: websecure\n", "                  to: web\n"));
        Assert.Contains(noRedirect.Findings, f => f.Contains("is not redirected to https on websecure", StringComparison.Ordinal));
    }

    [Fact]
    public void An_nginx_ingress_without_its_tls_secret_or_with_the_redirect_off_fails_the_tls_check()
    {
        Assert.True(Check(Dev, EdgeChecks.TlsName).Passed);
        var plain = Check(Dev, EdgeChecks.TlsName, In("manifests/govtech.yaml", "  tls:\n    - hosts:\n        - govtech.dev.example.com\n      secretName: edge-tls\n", string.Empty));
        Assert.Contains(plain.Findings, f => f.StartsWith("Ingress govtech/govtech: no TLS Secret for", StringComparison.Ordinal));
        var open = Check(Dev, EdgeChecks.TlsName, In("manifests/govtech.yaml", "ingress.kubernetes.io/ssl-redirect: \"True\"", "ingress.kubernetes.io/ssl-redirect: \"False\""));
        Assert.Contains(open.Findings, f => f.StartsWith("Ingress govtech/govtech: HTTP is not redirected to HTTPS", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_palisade_tls_secret_name_the_plan_says_http_only_and_the_key_is_refused_where_it_does_nothing()
    {
        var config = File.ReadAllText(Path.Combine(Palisade.Tests.Support.RepoPaths.Root, "Pulumi.dev.yaml")).Replace("  palisade:tlsSecretName: edge-tls\n", string.Empty, StringComparison.Ordinal);
        var plain = TestApps.Synthesize(Palisade.Stacks.Config.StackConfigParser.ParseFile("dev", "Pulumi.dev.yaml", config));
        Assert.Contains(plain.Checks, c => c.Id == CheckIds.EdgeTls && c.Findings.Any(f => f.Contains("no TLS Secret declared (palisade:tlsSecretName), so its Ingresses serve HTTP only", StringComparison.Ordinal)));
        Assert.DoesNotContain("tls:", plain.Files["manifests/govtech.yaml"], StringComparison.Ordinal);

        var prod = File.ReadAllText(Path.Combine(Palisade.Tests.Support.RepoPaths.Root, "Pulumi.prod.yaml")).Replace("  palisade:domain: example.com\n", "  palisade:domain: example.com\n  palisade:tlsSecretName: edge-tls\n", StringComparison.Ordinal);
        var refused = Assert.Throws<Palisade.Components.Diagnostics.InputError>(() => Palisade.Stacks.Platform.StackPlatform.Read(Palisade.Stacks.Config.StackConfigParser.ParseFile("prod", "Pulumi.prod.yaml", prod)));
        Assert.Contains("tlsSecretName", refused.Message, StringComparison.Ordinal);
        var invalid = config.Replace("  palisade:domain: dev.example.com\n", "  palisade:domain: dev.example.com\n  palisade:tlsSecretName: Edge_TLS\n", StringComparison.Ordinal);
        var bad = Assert.Throws<Palisade.Components.Diagnostics.InputError>(() => Palisade.Stacks.Platform.StackPlatform.Read(Palisade.Stacks.Config.StackConfigParser.ParseFile("dev", "Pulumi.dev.yaml", invalid)));
        Assert.Contains("is not a Secret name", bad.Message, StringComparison.Ordinal);
    }
}
