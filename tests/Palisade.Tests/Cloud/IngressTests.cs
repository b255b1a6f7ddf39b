using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Tests.Cloud;

public class IngressTests
{
    private static MapValue Annotations(Resource ingress) => (MapValue)ingress.Prop("metadata.annotations");

    /// <summary>The community controller on EKS: the stack installs it and sets its limited status.</summary>
    private const string CommunityStack = "config:\n  aws:region: us-east-1\n  palisade:apps: [voting, govtech]\n  palisade:cloud: aws\n  palisade:ingress: ingress-nginx\n" +
                                          "  palisade:subnetIds: [subnet-1, subnet-2]\n  palisade:apiAccessCidrs: [203.0.113.0/24]\n  palisade:domain: example.com\n";

    [Fact]
    public void Nginx_ingress_has_the_declared_limits_by_client_address_and_routes_api_before_root()
    {
        var graph = CloudStacks.Compose("dev").Graph;
        var ingress = graph.Resource("govtech-govtech-ingress");
        var annotations = Annotations(ingress);
        Assert.Equal(new StringValue("100r/s"), annotations["nginx.org/limit-req-rate"]);
        Assert.Equal(new StringValue("${binary_remote_addr}"), annotations["nginx.org/limit-req-key"]);
        Assert.Equal(new StringValue("100"), annotations["nginx.org/limit-req-burst"]);
        Assert.Equal(new StringValue("true"), annotations["nginx.org/limit-req-no-delay"]);
        Assert.Equal(new StringValue("429"), annotations["nginx.org/limit-req-reject-code"]);
        Assert.Equal(new StringValue("10m"), annotations["nginx.org/client-max-body-size"]);
        Assert.DoesNotContain(annotations.Entries.Keys, k => k.StartsWith("nginx.ingress.kubernetes.io/", StringComparison.Ordinal));
        Assert.Equal(new StringValue("nginx"), ingress.Prop("spec.ingressClassName"));
        Assert.Equal("govtech.dev.example.com", Palisade.Infra.Emit.ResolvedValues.Text(ingress.Prop("spec.rules.0.host")!));
        Assert.Equal(new StringValue("/api"), ingress.Prop("spec.rules.0.http.paths.0.path"));
        Assert.Equal(new NumberValue(3000), ingress.Prop("spec.rules.0.http.paths.0.backend.service.port.number"));
        Assert.Equal(new StringValue("/"), ingress.Prop("spec.rules.0.http.paths.1.path"));
        Assert.Equal(new NumberValue(80), ingress.Prop("spec.rules.0.http.paths.1.backend.service.port.number"));
        Assert.Equal(["nginx-ingress"], ingress.Options.DependsOn.Select(r => r.LogicalName));
    }

    [Fact]
    public void The_nginx_controller_is_a_pinned_release_behind_an_nlb_that_keeps_client_addresses()
    {
        var controller = CloudStacks.Compose("dev").Graph.Resource("nginx-ingress");
        Assert.Equal(KubernetesTypes.HelmRelease, controller.Type);
        Assert.Equal(new StringValue("oci://ghcr.io/nginx/charts/nginx-ingress"), controller.Prop("chart"));
        Assert.Equal(new StringValue("2.7.2"), controller.Prop("version"));
        Assert.Equal(new StringValue("nginx-ingress"), controller.Prop("name"));
        Assert.Equal(new StringValue("nginx-ingress"), controller.Prop("namespace"));
        Assert.Equal(new BoolValue(false), controller.Prop("values.controller.enableSnippets"));
        Assert.Equal(new StringValue("LoadBalancer"), controller.Prop("values.controller.service.type"));
        Assert.Equal(new StringValue("Local"), controller.Prop("values.controller.service.externalTrafficPolicy"));
        Assert.Equal(new StringValue("nlb"), ((MapValue)controller.Prop("values.controller.service.annotations"))["service.beta.kubernetes.io/aws-load-balancer-type"]);
        Assert.Null(CloudStacks.Compose("dev").Graph.Find("ingress-nginx"));
    }

    [Fact]
    public void On_gke_the_nginx_controller_needs_no_load_balancer_annotation()
    {
        var controller = CloudStacks.Compose("gke").Graph.Resource("nginx-ingress");
        Assert.Equal(MapValue.Empty, controller.Prop("values.controller.service.annotations"));
        Assert.Equal(new StringValue("Local"), controller.Prop("values.controller.service.externalTrafficPolicy"));
    }

    [Fact]
    public void With_nginx_only_the_controller_pods_reach_only_the_exposed_tiers()
    {
        var stack = CloudStacks.Compose("dev");
        var allowances = stack.Policies.Where(p => p.Role == PolicyRole.PlatformAllowance).Select(p => p.Policy).ToList();
        Assert.Equal(["govtech/govtech-backend-from-ingress-controller", "govtech/govtech-frontend-from-ingress-controller", "voting-frontend/voting-frontend-from-ingress-controller"],
            allowances.Select(p => $"{p.Namespace}/{p.Name}").Order(StringComparer.Ordinal));
        var peer = allowances[0].Ingress!.Single().Peers!.Single();
        Assert.Equal("nginx-ingress", peer.NamespaceSelector!.MatchLabels[WellKnownLabels.NamespaceName]);
        Assert.Equal("nginx-ingress", peer.PodSelector!.MatchLabels[WellKnownLabels.AppName]);
        Assert.Equal("nginx-ingress", peer.PodSelector!.MatchLabels["app.kubernetes.io/instance"]);
        Assert.DoesNotContain(allowances, p => p.Name.Contains("database", StringComparison.Ordinal));
    }

    [Fact]
    public void The_community_controller_keeps_its_annotations_and_its_pinned_component()
    {
        var graph = TestApps.Compose(CloudStacks.Parse(CommunityStack)).Graph;
        var annotations = Annotations(graph.Resource("govtech-govtech-ingress"));
        Assert.Equal(new StringValue("100"), annotations["nginx.ingress.kubernetes.io/limit-rps"]);
        Assert.Equal(new StringValue("1"), annotations["nginx.ingress.kubernetes.io/limit-burst-multiplier"]);
        Assert.Equal(new StringValue("20"), annotations["nginx.ingress.kubernetes.io/limit-connections"]);
        Assert.Equal(new StringValue("10m"), annotations["nginx.ingress.kubernetes.io/proxy-body-size"]);
        var controller = graph.Resource("ingress-nginx");
        Assert.Equal("kubernetes-ingress-nginx:index:IngressController", controller.Type);
        Assert.Equal("0.1.3", controller.Options.Version);
        Assert.Equal(new StringValue("4.15.1"), controller.Prop("helmOptions.version"));
        Assert.Equal(new StringValue("429"), ((MapValue)controller.Prop("controller.config"))["limit-req-status-code"]);
        Assert.Equal(new StringValue("429"), ((MapValue)controller.Prop("controller.config"))["limit-conn-status-code"]);
        Assert.Equal(new StringValue("Local"), controller.Prop("controller.service.externalTrafficPolicy"));
    }

    [Fact]
    public void An_existing_clusters_own_controller_of_a_known_kind_gets_that_kinds_annotations_and_nothing_is_installed()
    {
        const string stack = "config:\n  palisade:apps: [voting]\n  palisade:kubeContext: c\n  palisade:ingress: external\n  palisade:ingressController: nginx\n" +
                             "  palisade:ingressNamespace: edge\n  palisade:ingressPodLabels:\n    app: edge-nginx\n  palisade:ingressClassName: edge\n" +
                             "  palisade:unenforcedLimits: [connections]\n  palisade:domain: example.com\n";
        var graph = TestApps.Compose(CloudStacks.Parse(stack)).Graph;
        var ingress = graph.Resource("voting-voting-frontend-ingress");
        Assert.Equal(new StringValue("edge"), ingress.Prop("spec.ingressClassName"));
        Assert.Equal(new StringValue("100r/s"), Annotations(ingress)["nginx.org/limit-req-rate"]);
        Assert.DoesNotContain(graph.Resources, r => r.Type == KubernetesTypes.HelmRelease);
    }

    [Fact]
    public void Alb_ingresses_name_the_stack_class_and_leave_what_the_group_shares_to_its_params()
    {
        var graph = CloudStacks.Compose("prod").Graph;
        var ingress = graph.Resource("govtech-govtech-ingress");
        var a = Annotations(ingress);
        const string p = "alb.ingress.kubernetes.io/";
        Assert.Equal(new StringValue("ip"), a[p + "target-type"]);
        Assert.Equal(new StringValue("""[{"HTTP": 80}, {"HTTPS": 443}]"""), a[p + "listen-ports"]);
        Assert.Equal(new StringValue("443"), a[p + "ssl-redirect"]);
        foreach (var pinned in new[] { "scheme", "subnets", "group.name", "certificate-arn", "ssl-policy", "wafv2-acl-arn", "healthcheck-path" })
        {
            Assert.Null(a[p + pinned]);
        }

        Assert.Equal(new StringValue("alb"), ingress.Prop("spec.ingressClassName"));
        Assert.Equal(["alb-controller", "alb-ingress-class-params", "alb-ingress-class"], ingress.Options.DependsOn.Select(r => r.LogicalName));
        Assert.DoesNotContain(graph.Resources, r => r.Type == "aws:wafv2/webAclAssociation:WebAclAssociation");
        Assert.Null(graph.Find("nginx-ingress"));
    }

    [Fact]
    public void The_stack_owns_an_ingress_class_whose_params_pin_scheme_subnets_group_certificate_and_waf()
    {
        var graph = CloudStacks.Compose("prod").Graph;
        var parameters = graph.Resource("alb-ingress-class-params");
        Assert.Equal("kubernetes:yaml/v2:ConfigGroup", parameters.Type);
        Assert.Equal(["alb-controller"], parameters.Options.DependsOn.Select(r => r.LogicalName));
        var obj = parameters.Prop("objs.0");
        Assert.Equal(new StringValue("elbv2.k8s.aws/v1beta1"), obj.At("apiVersion"));
        Assert.Equal(new StringValue("IngressClassParams"), obj.At("kind"));
        Assert.Equal(new StringValue("alb"), obj.At("metadata.name"));
        Assert.Equal(new StringValue("internet-facing"), obj.At("spec.scheme"));
        Assert.Equal(new StringValue("palisade-prod"), obj.At("spec.group.name"));
        Assert.Equal(ListValue.OfStrings(["subnet-0a1b2c3d4e5f62001", "subnet-0a1b2c3d4e5f62002", "subnet-0a1b2c3d4e5f62003"]), obj.At("spec.subnets.ids"));
        Assert.Equal(new ConfigRef("certificateArn", "arn:aws:acm:us-east-1:111122223333:certificate/11111111-2222-3333-4444-555555555555"), obj.At("spec.certificateArn.0"));
        Assert.Equal(new ConfigRef("sslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06"), obj.At("spec.sslPolicy"));
        var acl = Assert.IsType<OutputRef>(obj.At("spec.wafv2AclArn"));
        Assert.Equal(("waf-acl", "arn"), (acl.Resource.LogicalName, acl.Path));
        Assert.Equal(new StringValue("kubernetes.io/metadata.name"), obj.At("spec.namespaceSelector.matchExpressions.0.key"));
        Assert.Equal(ListValue.OfStrings(["govtech", "voting-frontend"]), obj.At("spec.namespaceSelector.matchExpressions.0.values"));

        var ingressClass = graph.Resource("alb-ingress-class");
        Assert.Equal("kubernetes:networking.k8s.io/v1:IngressClass", ingressClass.Type);
        Assert.Equal(new StringValue("alb"), ingressClass.Prop("metadata.name"));
        Assert.Equal(new StringValue("ingress.k8s.aws/alb"), ingressClass.Prop("spec.controller"));
        Assert.Equal(new StringValue("elbv2.k8s.aws"), ingressClass.Prop("spec.parameters.apiGroup"));
        Assert.Equal(new StringValue("IngressClassParams"), ingressClass.Prop("spec.parameters.kind"));
        Assert.Equal(new StringValue("alb"), ingressClass.Prop("spec.parameters.name"));

        var release = graph.Resource("alb-controller");
        Assert.Equal(new BoolValue(false), release.Prop("values.createIngressClassResource"));
        Assert.Equal(new BoolValue(false), release.Prop("values.ingressClassParams.create"));
        Assert.Equal(new StringValue("alb"), release.Prop("values.ingressClass"));
    }

    [Fact]
    public void Namespaces_with_alb_targets_get_pod_readiness_gates_and_no_others()
    {
        var stack = CloudStacks.Compose("prod");
        string? Gate(string ns) => ((MapValue)stack.Graph.Resource($"{ns}-ns").Prop("metadata.labels"))["elbv2.k8s.aws/pod-readiness-gate-inject"] is StringValue v ? v.Text : null;
        Assert.Equal("enabled", Gate("govtech"));
        Assert.Equal("enabled", Gate("voting-frontend"));
        Assert.Null(Gate("voting-api"));
        Assert.Null(Gate("voting-data"));
        var dev = CloudStacks.Compose("dev");
        Assert.Null(((MapValue)dev.Graph.Resource("govtech-ns").Prop("metadata.labels"))["elbv2.k8s.aws/pod-readiness-gate-inject"]);
    }

    [Fact]
    public void The_controller_service_webhook_is_off_and_what_its_other_webhooks_admit_waits_for_it()
    {
        var graph = CloudStacks.Compose("prod").Graph;
        Assert.Equal(new BoolValue(false), graph.Resource("alb-controller").Prop("values.enableServiceMutatorWebhook"));
        bool WaitsForController(Resource r) => r.Options.DependsOn.Any(d => d.LogicalName == "alb-controller" || WaitsForController(d));
        Assert.All(graph.Resources.Where(r => r.Type == KubernetesTypes.Ingress), r => Assert.True(WaitsForController(r), r.LogicalName));
        Assert.True(WaitsForController(graph.Resource("alb-ingress-class-params")));
        Assert.DoesNotContain(graph.Resources, r => r.Type == Palisade.Components.ZeroTrust.TieredApp.ServiceType &&
                                                    r.Prop("spec.type") is StringValue { Text: "LoadBalancer" });
    }

    [Fact]
    public void Each_routed_tier_is_health_checked_on_its_own_path_from_its_service()
    {
        var graph = CloudStacks.Compose("prod").Graph;
        Value? Health(string logical) => graph.Resource(logical).Properties.At("metadata") is MapValue m && m["annotations"] is MapValue a
            ? a["alb.ingress.kubernetes.io/healthcheck-path"] : null;
        Assert.Equal(new StringValue("/api/health"), Health("govtech-backend-svc"));
        Assert.Equal(new StringValue("/"), Health("govtech-frontend-svc"));
        Assert.Null(Health("govtech-database-svc"));
        Assert.Equal(new StringValue("/"), Health("voting-frontend-svc"));
        Assert.Null(CloudStacks.Compose("dev").Graph.Resource("govtech-backend-svc").Properties.At("metadata") is MapValue d ? d["annotations"] : null);
    }

    [Fact]
    public void The_waf_acl_blocks_per_client_ip_above_the_declared_rate_over_an_explicit_window_and_bodies_above_the_limit()
    {
        var acl = CloudStacks.Compose("prod").Graph.Resource("waf-acl");
        Assert.Equal(new StringValue("REGIONAL"), acl.Prop("scope"));
        Assert.Equal(MapValue.Empty, acl.Prop("defaultAction.allow"));
        Assert.Equal(new NumberValue(6000), acl.Prop("rules.0.statement.rateBasedStatement.limit"));
        Assert.Equal(new NumberValue(60), acl.Prop("rules.0.statement.rateBasedStatement.evaluationWindowSec"));
        Assert.Equal(new StringValue("IP"), acl.Prop("rules.0.statement.rateBasedStatement.aggregateKeyType"));
        Assert.Equal(new NumberValue(429), acl.Prop("rules.0.action.block.customResponse.responseCode"));
        Assert.Equal(new StringValue("content-length"), acl.Prop("rules.1.statement.regexMatchStatement.fieldToMatch.singleHeader.name"));
        var pattern = Assert.IsType<StringValue>(acl.Prop("rules.1.statement.regexMatchStatement.regexString")).Text;
        Assert.Matches(pattern, "10485761");
        Assert.DoesNotMatch(pattern, "10485760");
        Assert.Equal(new NumberValue(413), acl.Prop("rules.1.action.block.customResponse.responseCode"));
    }

    [Fact]
    public void With_alb_the_exposed_tiers_admit_the_alb_subnets_and_no_controller_namespace()
    {
        var stack = CloudStacks.Compose("prod");
        var lb = stack.Policies.Where(p => p.Role == PolicyRole.PlatformAllowance).Select(p => p.Policy).ToList();
        Assert.Equal(["govtech/govtech-backend-from-load-balancer", "govtech/govtech-frontend-from-load-balancer", "voting-frontend/voting-frontend-from-load-balancer"],
            lb.Select(p => $"{p.Namespace}/{p.Name}").Order(StringComparer.Ordinal));
        string[] subnets = ["10.20.200.0/24", "10.20.201.0/24", "10.20.202.0/24"];
        Assert.All(lb, p => Assert.Equal(subnets, p.Ingress!.Single().Peers!.Select(peer => peer.IpBlock!.Cidr)));
        Assert.Null(stack.Peers.IngressController);
        Assert.Equal(subnets, stack.Peers.LoadBalancerCidrs);
    }

    [Fact]
    public void The_load_balancer_controller_is_a_pinned_release_with_its_irsa_role()
    {
        var release = CloudStacks.Compose("prod").Graph.Resource("alb-controller");
        Assert.Equal("kubernetes:helm.sh/v3:Release", release.Type);
        Assert.Equal(new StringValue("aws-load-balancer-controller"), release.Prop("name"));
        Assert.Equal(new StringValue("3.5.0"), release.Prop("version"));
        Assert.Equal(new StringValue("kube-system"), release.Prop("namespace"));
        Assert.Equal(new StringValue("aws-load-balancer-controller"), release.Prop("values.serviceAccount.name"));
        Assert.Equal("vpc-0a1b2c3d4e5f60000", Palisade.Infra.Emit.ResolvedValues.Text(release.Prop("values.vpcId")!));
        var arn = ((MapValue)release.Prop("values.serviceAccount.annotations"))["eks.amazonaws.com/role-arn"];
        Assert.Equal("alb-controller-irsa-role", Assert.IsType<OutputRef>(arn).Resource.LogicalName);
    }

    [Fact]
    public void On_an_existing_cluster_nginx_ingresses_are_emitted_without_installing_a_controller()
    {
        var graph = TestApps.Compose(CloudStacks.Parse(
            "config:\n  palisade:apps: [voting]\n  palisade:kubeContext: x\n  palisade:ingress: nginx\n  palisade:unenforcedLimits: [connections]\n  palisade:domain: example.com\n")).Graph;
        var ingress = graph.Resource("voting-voting-frontend-ingress");
        Assert.Equal("voting.example.com", Palisade.Infra.Emit.ResolvedValues.Text(ingress.Prop("spec.rules.0.host")!));
        Assert.Empty(ingress.Options.DependsOn);
        Assert.Null(graph.Find("nginx-ingress"));
        Assert.DoesNotContain(graph.Resources, r => r.Package is "aws" or "gcp");

        var plain = TestApps.Compose(CloudStacks.Parse("config:\n  palisade:apps: [voting]\n")).Graph;
        Assert.DoesNotContain(plain.Resources, r => r.Type == KubernetesTypes.Ingress);
    }
}
