using System.Text.RegularExpressions;
using Palisade.Components.Graph;
using Palisade.Infra.Checks;
using Palisade.Infra.Synthesis;
using Palisade.Tests.Cloud;
using Palisade.Tests.Support;

namespace Palisade.Tests.Verification;

/// <summary>
/// VPC CNI strict mode: every pod starts deny-all, so the platform's namespaces get baselines, and the proof isolates
/// every pod no policy admits — removing a baseline breaks DNS, the ingress path or the API server, and the checks say so.
/// </summary>
public class StrictEnforcementTests
{
    private static readonly SynthesisResult Dev = TestApps.Synthesize(new ProjectDirectory(RepoPaths.Root).ReadStack("dev"));
    private static readonly SynthesisResult Prod = TestApps.Synthesize(new ProjectDirectory(RepoPaths.Root).ReadStack("prod"));

    [Fact]
    public void The_vpc_cni_add_on_runs_in_strict_mode_and_the_cluster_names_its_service_range()
    {
        var graph = Prod.Stack.Graph;
        var configuration = (MapValue)((FunctionCall)graph.Resource("eks-vpc-cni").Prop("configurationValues")).Argument;
        Assert.Equal(new StringValue("strict"), configuration.At("env.NETWORK_POLICY_ENFORCING_MODE"));
        Assert.Equal(new StringValue("true"), configuration.At("enableNetworkPolicy"));
        Assert.Equal(new StringValue("172.20.0.0/16"), graph.Resource("eks-cluster").Prop("kubernetesNetworkConfig.serviceIpv4Cidr"));
        Assert.True(Prod.Passed, string.Join("\n", Prod.Checks.Where(c => !c.Passed).SelectMany(c => c.Findings)));
        Assert.True(Dev.Passed, string.Join("\n", Dev.Checks.Where(c => !c.Passed).SelectMany(c => c.Findings)));
        Assert.Contains(Prod.Checks, c => c.Name.StartsWith("Platform workloads keep working", StringComparison.Ordinal) && c.Passed);
        Assert.Contains(Prod.Stack.Assumptions, a => a.Subject == "platform namespaces" && a.Statement.Contains("namespace monitoring exists", StringComparison.Ordinal));
        Assert.Contains(Dev.Stack.Assumptions, a => a.Subject == "platform namespaces" && !a.Statement.Contains("monitoring exists", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_the_vpc_cidr_the_add_on_stays_standard_and_the_plan_says_so()
    {
        var text = CloudStacks.WithoutKey(File.ReadAllText(Path.Combine(RepoPaths.Root, "Pulumi.dev.yaml")), "palisade:nodeCidrs").Replace("  palisade:vpcCidr: 10.10.0.0/16\n", "", StringComparison.Ordinal);
        var stack = TestApps.Compose(CloudStacks.Parse(text));
        var configuration = (MapValue)((FunctionCall)stack.Graph.Resource("eks-vpc-cni").Prop("configurationValues")).Argument;
        Assert.Null(configuration["env"]);
        Assert.Null(stack.Graph.Find("system-baselines"));
        Assert.Contains(stack.Assumptions, a => a.Subject == "dataplane" && a.Statement.Contains("stays in standard mode", StringComparison.Ordinal));
    }

    [Fact]
    public void Platform_namespaces_get_baselines_for_coredns_the_controllers_and_monitoring()
    {
        Assert.Contains("name: palisade-coredns", Prod.Files["manifests/kube-system.yaml"]);
        Assert.Contains("name: palisade-aws-load-balancer-controller", Prod.Files["manifests/kube-system.yaml"]);
        Assert.Contains("name: palisade-monitoring", Prod.Files["manifests/monitoring.yaml"]);
        Assert.Contains("name: palisade-ingress-controller", Dev.Files["manifests/nginx-ingress.yaml"]);
        var release = Dev.Stack.Graph.Resource("nginx-ingress");
        Assert.Contains(release.Options.DependsOn, r => r.LogicalName == "nginx-ingress-ns");
        Assert.Contains(release.Options.DependsOn, r => r.LogicalName == "nginx-ingress-palisade-ingress-controller");
        Assert.Contains(Prod.Stack.Graph.Resource("alb-controller").Options.DependsOn, r => r.LogicalName == "kube-system-palisade-coredns");
    }

    private static IReadOnlyList<CheckResult> Without(SynthesisResult result, string file, string policy, bool strict = true)
    {
        var documents = Regex.Split(result.Files[file], "(?m)^---\n");
        var kept = documents.Where(d => !d.Contains($"  name: {policy}\n", StringComparison.Ordinal)).ToList();
        Assert.Equal(documents.Length - 1, kept.Count);
        var files = result.Files.ToDictionary(f => f.Key, f => f.Key == file ? string.Join("---\n", kept) : f.Value);
        var connectivity = Synthesizer.AnalyzeRendered(files, result.Stack.Platform.Cloud.Dataplane, strict);
        return [.. ConnectivityChecks.Run(connectivity, result.Declared), .. PlatformWorkloadChecks.Run(result.Stack, connectivity)];
    }

    [Fact]
    public void Without_the_coredns_baseline_no_pod_resolves_names_under_strict_mode()
    {
        var checks = Without(Prod, "manifests/kube-system.yaml", "palisade-coredns");
        Assert.Contains(checks, c => !c.Passed && c.Name.StartsWith("DNS is reachable", StringComparison.Ordinal));
        Assert.Contains(checks, c => !c.Passed && c.Findings.Any(f => f.Contains("upstream resolver 10.20.0.2", StringComparison.Ordinal)));

        var standard = Without(Prod, "manifests/kube-system.yaml", "palisade-coredns", strict: false);
        Assert.Contains(standard, c => c.Passed && c.Name.StartsWith("DNS is reachable", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_the_ingress_controller_baseline_the_controller_cannot_reach_the_exposed_tiers()
    {
        var checks = Without(Dev, "manifests/nginx-ingress.yaml", "palisade-ingress-controller");
        var open = Assert.Single(checks, c => c.Name.StartsWith("Every declared flow is open", StringComparison.Ordinal));
        Assert.False(open.Passed);
        Assert.Contains(open.Findings, f => f.Contains("nginx-ingress/nginx-ingress-controller[Deployment] => govtech/frontend[Deployment]", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_the_monitoring_baseline_prometheus_resolves_nothing()
    {
        var checks = Without(Prod, "manifests/monitoring.yaml", "palisade-monitoring");
        Assert.Contains(checks, c => !c.Passed && c.Findings.Any(f => f.Contains("monitoring/prometheus[StatefulSet] cannot reach CoreDNS", StringComparison.Ordinal)));
    }

    [Fact]
    public void Without_the_controller_baseline_the_alb_controller_misses_the_api_server_and_its_webhook_callers()
    {
        var checks = Without(Prod, "manifests/kube-system.yaml", "palisade-aws-load-balancer-controller");
        var platform = Assert.Single(checks, c => c.Name.StartsWith("Platform workloads keep working", StringComparison.Ordinal));
        Assert.False(platform.Passed);
        Assert.Contains(platform.Findings, f => f.Contains("aws-load-balancer-controller[Deployment] cannot reach the API server at 172.20.0.1", StringComparison.Ordinal));
        Assert.Contains(platform.Findings, f => f.Contains("does not admit the control plane (10.20.0.0/16) on its webhook port TCP 9443", StringComparison.Ordinal));
    }
}
