using System.Net;
using Palisade.Components.Connectivity;
using Palisade.Components.Diagnostics;
using Palisade.Components.Graph;
using Palisade.Components.Guardrails;
using Palisade.Components.Kubernetes;
using Palisade.Infra.Checks;
using Palisade.Infra.Manifests;
using Palisade.Infra.Synthesis;
using Palisade.Stacks.Composition;
using Palisade.Stacks.Platform;
using Palisade.Tests.Cloud;

namespace Palisade.Tests.Guardrails;

/// <summary>
/// The platform's guardrails per target: Admin-tier cluster policies of the API the target enforces (EKS
/// networking.k8s.aws, upstream v1alpha2 on an existing cluster that declares it), read back by the engine and proved
/// to hold against an allow-all NetworkPolicy in every tenant namespace; a namespaced fallback with a plan warning
/// elsewhere; flow logging per target.
/// </summary>
public class GuardrailTests
{
    private static readonly SynthesisResult Dev = TestApps.Synthesize(CloudStacks.Config("dev"));
    private static readonly SynthesisResult Platform = TestApps.Synthesize(CloudStacks.Config("platform"));

    private static ClusterModel Rendered(IReadOnlyDictionary<string, string> files) =>
        ManifestDirectoryReader.Parse(files.Where(f => f.Key.StartsWith("manifests/", StringComparison.Ordinal)).Select(f => new ManifestFile(f.Key, f.Value))).Cluster;

    private static CheckResult Check(SynthesisResult result, CheckId id) => Assert.Single(result.Checks, c => c.Id == id);

    [Theory]
    [InlineData("dev", ClusterPolicyKind.AwsClusterNetworkPolicy)]
    [InlineData("prod", ClusterPolicyKind.AwsClusterNetworkPolicy)]
    [InlineData("platform", ClusterPolicyKind.ClusterNetworkPolicy)]
    public void Guardrails_are_admin_tier_cluster_policies_of_the_targets_api_and_hold(string stack, ClusterPolicyKind kind)
    {
        var result = stack == "dev" ? Dev : stack == "platform" ? Platform : TestApps.Synthesize(CloudStacks.Config(stack));
        var policies = Rendered(result.Files).EffectiveClusterPolicies.Where(p => p.Name.StartsWith(GuardrailPolicies.Prefix, StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(policies);
        Assert.All(policies, p => Assert.Equal((kind, PolicyTier.Admin), (p.Kind, p.Tier)));
        Assert.Contains(policies, p => p.Name == "palisade-guardrails");
        Assert.True(Check(result, CheckIds.GuardrailsClusterTier).Passed);
        Assert.True(Check(result, CheckIds.GuardrailsHold).Passed, string.Join("; ", Check(result, CheckIds.GuardrailsHold).Findings));
        Assert.Contains(result.Stack.Assumptions, a => a.Subject == "guardrails" && a.Statement.Contains("Admin-tier", StringComparison.Ordinal));
    }

    [Fact]
    public void Tenants_with_an_allow_all_policy_still_reach_neither_metadata_nor_other_tenants_nor_system_namespaces()
    {
        var files = new Dictionary<string, string>(Platform.Files) { [GuardrailChecks.AdversaryFile] = GuardrailChecks.Adversary(["tenant-a", "tenant-b"]) };
        var open = Synthesizer.AnalyzeRendered(files);

        foreach (var (tenant, other) in new[] { ("tenant-a", "tenant-b"), ("tenant-b", "tenant-a") })
        {
            var api = $"{tenant}/api[Deployment]";
            Assert.True(open.Between(api, $"{other}/web[Deployment]").IsEmpty);
            Assert.True(open.Between(api, $"{other}/api[Deployment]").IsEmpty);
            Assert.True(open.Between(api, "monitoring/prometheus[StatefulSet]").IsEmpty);
            Assert.Equal(ConnectionSet.For(Protocol.TCP, 8443, 8443), open.Between(api, "keycloak/keycloak[Deployment]").Intersect(ConnectionSet.All));
            Assert.True(open.ToExternal(api, IPAddress.Parse("169.254.169.254")).IsEmpty);
            Assert.True(open.Allows(api, "kube-system/coredns[Deployment]", Protocol.UDP, 53));
            Assert.False(open.Allows(api, "kube-system/coredns[Deployment]", Protocol.TCP, 9153));
            // Inside the tenant's own namespace its allow-all policy is its own business.
            Assert.True(open.Allows(api, $"{tenant}/web[Deployment]", Protocol.TCP, 1234));
        }
    }

    [Fact]
    public void Without_the_cluster_policies_the_same_tenant_policy_opens_metadata_and_other_tenants()
    {
        var files = Platform.Files.Where(f => f.Key != "manifests/cluster.yaml").ToDictionary();
        files[GuardrailChecks.AdversaryFile] = GuardrailChecks.Adversary(["tenant-a", "tenant-b"]);
        var open = Synthesizer.AnalyzeRendered(files);

        Assert.False(open.ToExternal("tenant-a/api[Deployment]", IPAddress.Parse("169.254.169.254")).IsEmpty);
        Assert.False(open.Between("tenant-a/api[Deployment]", "tenant-b/web[Deployment]").IsEmpty);
    }

    [Fact]
    public void Guardrails_emitted_as_plain_network_policies_on_a_target_with_a_cluster_tier_fail_both_checks()
    {
        // The same names as namespaced NetworkPolicies (what a NetworkPolicy can say: default deny), the cluster policies gone.
        var files = Dev.Files.Where(f => f.Key != "manifests/cluster.yaml").ToDictionary();
        files["manifests/zz-namespaced-guardrails.yaml"] = string.Join("---\n", Dev.Stack.Namespaces.Select(ns => $"""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: palisade-guardrails
              namespace: {ns.Name}
            spec:
              podSelector: {"{}"}
              policyTypes: [Egress]

            """));

        var checks = GuardrailChecks.Run(Dev.Stack, files, Dev.Declared, attacked => Synthesizer.AnalyzeRendered(attacked, Dev.Stack.Platform.Cloud.Dataplane));

        var emitted = Assert.Single(checks, c => c.Id == CheckIds.GuardrailsClusterTier);
        Assert.False(emitted.Passed);
        Assert.Contains(emitted.Findings, f => f.Contains("rendered as NetworkPolicy govtech/palisade-guardrails", StringComparison.Ordinal));
        var hold = Assert.Single(checks, c => c.Id == CheckIds.GuardrailsHold);
        Assert.False(hold.Passed);
        Assert.Contains(hold.Findings, f => f.Contains("=> 169.254.169.254", StringComparison.Ordinal));
        Assert.Contains(hold.Findings, f => f.Contains("govtech/frontend[Deployment] => voting-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rendered_guardrail_that_differs_from_the_model_fails_the_emitted_check()
    {
        var files = new Dictionary<string, string>(Platform.Files);
        files["manifests/cluster.yaml"] = files["manifests/cluster.yaml"].Replace("name: deny-link-local", "name: deny-link-local-widened", StringComparison.Ordinal)
            .Replace("\"169.254.0.0/16\"", "\"169.254.169.254/32\"", StringComparison.Ordinal);

        var checks = GuardrailChecks.Run(Platform.Stack, files, Platform.Declared, attacked => Synthesizer.AnalyzeRendered(attacked));

        var emitted = Assert.Single(checks, c => c.Id == CheckIds.GuardrailsClusterTier);
        Assert.Equal(["guardrail palisade-guardrails as rendered has other subjects or rules than the guardrail model"], emitted.Findings);
        // Denying only the instance metadata address leaves the other credential endpoints to a tenant's allow-all policy.
        var hold = Assert.Single(checks, c => c.Id == CheckIds.GuardrailsHold);
        Assert.Contains(hold.Findings, f => f.StartsWith("tenant-a/api[Deployment] => 169.254.170.23", StringComparison.Ordinal));
        Assert.DoesNotContain(hold.Findings, f => f.Contains("=> 169.254.169.254", StringComparison.Ordinal));
    }

    [Fact]
    public void A_gke_stack_keeps_namespaced_guardrails_with_a_warning_and_logs_policy_decisions()
    {
        var result = TestApps.Synthesize(CloudStacks.Config("gke"));

        Assert.DoesNotContain(result.Checks, c => c.Id == CheckIds.GuardrailsClusterTier || c.Id == CheckIds.GuardrailsHold);
        Assert.Empty(Rendered(result.Files).EffectiveClusterPolicies);
        var warning = Assert.Single(result.Stack.Assumptions, a => a.Subject == "guardrails");
        Assert.StartsWith("WARNING: namespaced NetworkPolicies only, because GKE serves no ClusterNetworkPolicy", warning.Statement, StringComparison.Ordinal);
        Assert.Contains("can widen them", warning.Statement, StringComparison.Ordinal);

        var logging = result.Stack.Graph.Resource("gke-network-logging");
        Assert.Equal("kubernetes:yaml/v2:ConfigGroup", logging.Type);
        Assert.Equal("NetworkLogging", ((StringValue)logging.Prop("objs.0.kind")).Text);
        Assert.Equal("default", ((StringValue)logging.Prop("objs.0.metadata.name")).Text);
        Assert.Equal(new BoolValue(true), logging.Prop("objs.0.spec.cluster.deny.log"));
        Assert.Equal(new BoolValue(false), logging.Prop("objs.0.spec.cluster.allow.delegate"));
        Assert.True(logging.Options.RetainOnDelete);
        Assert.Equal(new BoolValue(true), result.Stack.Graph.Resource("k8s-upsert").Prop("upsertExistingObjects"));
        Assert.Contains(result.Files["manifests/cluster.yaml"].Split('\n'), l => l == "kind: NetworkLogging");
        Assert.Contains(result.Stack.Assumptions, a => a.Subject == "flow logging" && a.Statement.StartsWith("GKE Dataplane V2 network policy logging", StringComparison.Ordinal));
    }

    [Fact]
    public void Flow_logging_is_not_available_on_gke_calico_nor_on_an_existing_cluster()
    {
        var calico = File.ReadAllText(CloudStacks.GkeFixture).Replace("palisade:gkeNetworkPolicy: dataplane-v2", "palisade:gkeNetworkPolicy: calico", StringComparison.Ordinal);
        var error = Assert.Throws<InputError>(() => TestApps.Compose(CloudStacks.Parse(calico)));
        Assert.Contains("palisade:policyEventLogs", error.Message, StringComparison.Ordinal);
        Assert.Contains("Dataplane V2", error.Message, StringComparison.Ordinal);

        var existing = TestApps.Compose(CloudStacks.Parse("config:\n  palisade:apps: [voting]\n"));
        Assert.StartsWith("not available", Assert.Single(existing.Assumptions, a => a.Subject == "flow logging").Statement, StringComparison.Ordinal);
        Assert.StartsWith("WARNING", Assert.Single(existing.Assumptions, a => a.Subject == "guardrails").Statement, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_cluster_policy_api_is_refused_naming_the_key_and_the_choices()
    {
        var error = Assert.Throws<InputError>(() => TestApps.Compose(CloudStacks.Parse("config:\n  palisade:apps: [voting]\n  palisade:clusterPolicyApi: v1alpha1\n")));
        Assert.Contains("palisade:clusterPolicyApi", error.Message, StringComparison.Ordinal);
        Assert.Contains("v1alpha2, none", error.Message, StringComparison.Ordinal);

        var onAws = Assert.Throws<InputError>(() => TestApps.Compose(CloudStacks.Parse(File.ReadAllText(Path.Combine(Support.RepoPaths.Root, "Pulumi.dev.yaml"))
            .Replace("config:\n", "config:\n  palisade:clusterPolicyApi: v1alpha2\n", StringComparison.Ordinal))));
        Assert.Contains("palisade:clusterPolicyApi", onAws.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_identity_tier_is_passed_to_its_endpoint_before_the_link_local_range_is_denied()
    {
        var endpoint = new Palisade.Components.ZeroTrust.IdentityEndpoint("EKS Pod Identity", "169.254.170.23/32", Protocol.TCP, 80);
        var args = new GuardrailArgs
        {
            TenantNamespaces = ["shop"],
            IdentityTiers = [new IdentityTier("shop", "api", "shop", Labels.Of(("app.kubernetes.io/name", "shop"), ("app.kubernetes.io/component", "api")), endpoint)],
        };

        var policies = GuardrailPolicies.Build(args, ClusterPolicyKind.AwsClusterNetworkPolicy);

        var identity = Assert.Single(policies, p => p.Name == "palisade-identity-shop-api");
        var guardrails = Assert.Single(policies, p => p.Name == "palisade-guardrails");
        Assert.True(identity.Priority < guardrails.Priority);
        var pass = Assert.Single(identity.Egress);
        Assert.Equal(PolicyAction.Pass, pass.Action);
        Assert.Equal([new ClusterPort.Number(Protocol.TCP, 80)], pass.Ports!);
        Assert.Equal(["allow-dns", "deny-link-local", "deny-system-namespaces"], guardrails.Egress.Select(r => r.Name));
        Assert.DoesNotContain(policies, p => p.Name.StartsWith("palisade-isolate-", StringComparison.Ordinal));
    }
}
