using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Tests.Cloud;

public class IngressTests
{
    private static MapValue Annotations(Resource ingress) => (MapValue)ingress.Prop("metadata.annotations");

    [Fact]
    public void Nginx_ingress_has_the_seed_limits_and_routes_api_before_root()
    {
        var graph = CloudStacks.Compose("dev").Graph;
        var ingress = graph.Resource("govtech-govtech-ingress");
        var annotations = Annotations(ingress);
        Assert.Equal(new StringValue("100"), annotations["nginx.ingress.kubernetes.io/limit-rps"]);
        Assert.Equal(new StringValue("20"), annotations["nginx.ingress.kubernetes.io/limit-connections"]);
        Assert.Equal(new StringValue("10m"), annotations["nginx.ingress.kubernetes.io/proxy-body-size"]);
        Assert.Equal(new StringValue("nginx"), ingress.Prop("spec.ingressClassName"));
        Assert.Equal("govtech.dev.example.com", Palisade.Infra.Emit.ResolvedValues.Text(ingress.Prop("spec.rules.0.host")!));
        Assert.Equal(new StringValue("/api"), ingress.Prop("spec.rules.0.http.paths.0.path"));
        Assert.Equal(new NumberValue(3000), ingress.Prop("spec.rules.0.http.paths.0.backend.service.port.number"));
        Assert.Equal(new StringValue("/"), ingress.Prop("spec.rules.0.http.paths.1.path"));
        Assert.Equal(new NumberValue(80), ingress.Prop("spec.rules.0.http.paths.1.backend.service.port.number"));
        Assert.Equal(["ingress-nginx"], ingress.Options.DependsOn.Select(r => r.LogicalName));
    }

    [Fact]
    public void Nginx_limits_come_from_config()
    {
        var text = File.ReadAllText(Path.Combine(Support.RepoPaths.Root, "Pulumi.dev.yaml"))
            .Replace("palisade:nginxRps: 100", "palisade:nginxRps: 50", StringComparison.Ordinal)
            .Replace("palisade:nginxBodySize: 10m", "palisade:nginxBodySize: 2m", StringComparison.Ordinal);
        var graph = Palisade.Stacks.Composition.StackComposer.Compose(CloudStacks.Parse(text)).Graph;
        var annotations = Annotations(graph.Resource("voting-voting-frontend-ingress"));
        Assert.Equal(new StringValue("50"), annotations["nginx.ingress.kubernetes.io/limit-rps"]);
        Assert.Equal(new StringValue("2m"), annotations["nginx.ingress.kubernetes.io/proxy-body-size"]);
    }

    [Fact]
    public void The_nginx_controller_is_pinned_returns_429_and_keeps_client_ips()
    {
        var controller = CloudStacks.Compose("dev").Graph.Resource("ingress-nginx");
        Assert.Equal("kubernetes-ingress-nginx:index:IngressController", controller.Type);
        Assert.Equal("0.1.3", controller.Options.Version);
        Assert.Equal(new StringValue("4.15.1"), controller.Prop("helmOptions.version"));
        Assert.Equal(new StringValue("ingress-nginx"), controller.Prop("helmOptions.name"));
        Assert.Equal(new StringValue("ingress-nginx"), controller.Prop("helmOptions.namespace"));
        Assert.Equal(new StringValue("429"), ((MapValue)controller.Prop("controller.config"))["limit-req-status-code"]);
        Assert.Equal(new StringValue("429"), ((MapValue)controller.Prop("controller.config"))["limit-conn-status-code"]);
        Assert.Equal(new StringValue("Local"), controller.Prop("controller.service.externalTrafficPolicy"));
    }

    [Fact]
    public void With_nginx_only_the_controller_namespace_reaches_only_the_exposed_tiers()
    {
        var stack = CloudStacks.Compose("dev");
        var allowances = stack.Policies.Where(p => p.Role == PolicyRole.PlatformAllowance).Select(p => p.Policy).ToList();
        Assert.Equal(["govtech/govtech-backend-from-ingress-controller", "govtech/govtech-frontend-from-ingress-controller", "voting-frontend/voting-frontend-from-ingress-controller"],
            allowances.Select(p => $"{p.Namespace}/{p.Name}").Order(StringComparer.Ordinal));
        var peer = allowances[0].Ingress!.Single().Peers!.Single();
        Assert.Equal("ingress-nginx", peer.NamespaceSelector!.MatchLabels[WellKnownLabels.NamespaceName]);
        Assert.Equal("controller", peer.PodSelector!.MatchLabels[WellKnownLabels.AppComponent]);
        Assert.DoesNotContain(allowances, p => p.Name.Contains("database", StringComparison.Ordinal));
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
        Assert.Null(graph.Find("ingress-nginx"));
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
        Assert.Null(Health("voting-frontend-svc"));
        Assert.Null(CloudStacks.Compose("dev").Graph.Resource("govtech-backend-svc").Properties.At("metadata") is MapValue d ? d["annotations"] : null);
    }

    [Fact]
    public void The_waf_acl_blocks_per_client_ip_above_the_configured_rate()
    {
        var acl = CloudStacks.Compose("prod").Graph.Resource("waf-acl");
        Assert.Equal(new StringValue("REGIONAL"), acl.Prop("scope"));
        Assert.Equal(MapValue.Empty, acl.Prop("defaultAction.allow"));
        Assert.Equal(new NumberValue(2000), acl.Prop("rules.0.statement.rateBasedStatement.limit"));
        Assert.Equal(new StringValue("IP"), acl.Prop("rules.0.statement.rateBasedStatement.aggregateKeyType"));
        Assert.Equal(new NumberValue(429), acl.Prop("rules.0.action.block.customResponse.responseCode"));
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
        var graph = Palisade.Stacks.Composition.StackComposer.Compose(CloudStacks.Parse(
            "config:\n  palisade:apps: [voting]\n  palisade:kubeContext: x\n  palisade:ingress: nginx\n  palisade:domain: example.com\n")).Graph;
        var ingress = graph.Resource("voting-voting-frontend-ingress");
        Assert.Equal("voting.example.com", Palisade.Infra.Emit.ResolvedValues.Text(ingress.Prop("spec.rules.0.host")!));
        Assert.Empty(ingress.Options.DependsOn);
        Assert.Null(graph.Find("ingress-nginx"));
        Assert.DoesNotContain(graph.Resources, r => r.Package is "aws" or "gcp");

        var plain = Palisade.Stacks.Composition.StackComposer.Compose(CloudStacks.Parse("config:\n  palisade:apps: [voting]\n")).Graph;
        Assert.DoesNotContain(plain.Resources, r => r.Type == KubernetesTypes.Ingress);
    }
}
