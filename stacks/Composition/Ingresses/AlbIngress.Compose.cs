using Palisade.Components.Diagnostics;
using Palisade.Components.Graph;
using Palisade.Components.Ingress;
using Palisade.Components.Naming;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Composition;

namespace Palisade.Stacks.Platform;

public sealed partial record AlbIngress
{
    /// <summary>
    /// The controller, the WAF ACL compiled from the routes' one set of limits, and the stack's IngressClass with its
    /// pinned params. Ingresses depend on all three: the controller's Ingress and IngressClassParams webhooks fail
    /// closed until it runs.
    /// </summary>
    protected override (IngressStyle Style, IReadOnlyList<Resource> DependsOn) Install(ResourceGraph graph, StackCluster cluster, IReadOnlyList<TieredApp> exposed)
    {
        var eks = cluster.Eks ?? throw new InvalidOperationException("ingress alb needs an EKS cluster.");
        var clusterName = eks.Name;
        var region = eks.Args.Region;
        var limits = OneLimitSet(exposed.Select(a => a.App).ToList());
        var controller = AlbController.Create(graph, graph.Root, eks, cluster.KubernetesProvider,
            new AlbControllerArgs { ClusterName = clusterName, Region = region, VpcId = VpcId.In(graph) }, cluster.PlatformBaselines);
        var wafComponent = graph.AddComponent(graph.Root, "palisade:ingress:WafRateLimit", "waf");
        var acl = WafRateLimitAcl.Create(graph, wafComponent, CloudNames.Qualified(CloudNames.AwsWafAcl, clusterName, "rate-limit"), limits, eks.AwsProvider);
        graph.AddOutput("wafAclArn", acl.Output("arn"));
        var classComponent = graph.AddComponent(graph.Root, "palisade:ingress:AlbIngressClass", AlbController.ClassName);
        var ingressClass = AlbIngressClass.Create(graph, classComponent, AlbController.ClassName, cluster.KubernetesProvider, controller,
            new AlbIngressClassArgs
            {
                GroupName = clusterName,
                SubnetIds = SubnetIds,
                CertificateArn = CertificateArn.In(graph),
                SslPolicy = SslPolicy.In(graph),
                WebAclArn = acl.Output("arn"),
                TargetNamespaces = TargetNamespaces(exposed.Select(a => a.App)),
            });
        return (new AlbIngressStyle(AlbController.ClassName), [controller, .. ingressClass]);
    }

    /// <summary>
    /// The stack's one ALB carries one web ACL for every route, so every route must declare the limits the ACL
    /// enforces; a route that differs is refused, naming it (kinds with per-Ingress limits can hold both).
    /// </summary>
    private static EdgeLimits OneLimitSet(IReadOnlyList<AppSpec> apps)
    {
        var routes = apps.SelectMany(a => a.Ingress!.Routes.Select((r, i) => (App: a, Index: i, Route: r, Limits: a.Ingress.LimitsOf(r)))).ToList();
        if (routes.Count == 0)
        {
            return EdgeLimits.Default;
        }

        var first = routes[0];
        foreach (var other in routes.Skip(1))
        {
            foreach (var limit in new[] { EdgeLimit.RequestsPerSecond, EdgeLimit.BodySize, EdgeLimit.LimitedStatus })
            {
                if (first.Limits.Show(limit) != other.Limits.Show(limit))
                {
                    throw new InputError(
                        $"{other.App.Source}: app '{other.App.Name}' ingress routes[{other.Index}] ({other.Route.Path} -> {other.Route.Tier}) limits.{EdgeLimits.Key(limit)}",
                        $"ingress alb enforces one web ACL for the stack's ALB, which already holds {first.Limits.Show(limit)} for {first.App.Name} {first.Route.Path}, and this route declares {other.Limits.Show(limit)}",
                        "Declare the same value on every exposed route of the stack, or use a kind with per-Ingress limits (nginx, ingress-nginx).");
                }
            }
        }

        return first.Limits;
    }
}
