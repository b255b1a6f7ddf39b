using Palisade.Components.Graph;
using Palisade.Components.Ingress;
using Palisade.Components.Naming;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Composition;

namespace Palisade.Stacks.Platform;

public sealed partial record AlbIngress
{
    protected override (IngressStyle Style, IReadOnlyList<Resource> DependsOn) Install(ResourceGraph graph, StackCluster cluster) =>
        Install(graph, cluster, []);

    /// <summary>
    /// The controller, the WAF ACL, and the stack's IngressClass with its pinned params. Ingresses depend on all three:
    /// the controller's Ingress and IngressClassParams webhooks fail closed until it runs.
    /// </summary>
    protected override (IngressStyle Style, IReadOnlyList<Resource> DependsOn) Install(ResourceGraph graph, StackCluster cluster, IReadOnlyList<TieredApp> apps)
    {
        var eks = cluster.Eks ?? throw new InvalidOperationException("ingress alb needs an EKS cluster.");
        var clusterName = eks.Args.Name;
        var region = eks.Args.Region;
        var controller = AlbController.Create(graph, graph.Root, eks, cluster.KubernetesProvider,
            new AlbControllerArgs(clusterName, region, VpcId.In(graph)), cluster.PlatformBaselines);
        var wafComponent = graph.AddComponent(graph.Root, "palisade:ingress:WafRateLimit", "waf");
        var acl = WafRateLimitAcl.Create(graph, wafComponent, CloudNames.Qualified(CloudNames.AwsWafAcl, clusterName, "rate-limit"), WafRateLimit, eks.AwsProvider);
        graph.AddOutput("wafAclArn", acl.Output("arn"));
        var classComponent = graph.AddComponent(graph.Root, "palisade:ingress:AlbIngressClass", AlbController.ClassName);
        var ingressClass = AlbIngressClass.Create(graph, classComponent, AlbController.ClassName, cluster.KubernetesProvider, controller,
            new AlbIngressClassArgs(clusterName, SubnetIds, CertificateArn.In(graph), SslPolicy.In(graph), acl.Output("arn"),
                TargetNamespaces(apps.Select(a => a.App))));
        return (new AlbIngressStyle(AlbController.ClassName), [controller, .. ingressClass]);
    }
}
