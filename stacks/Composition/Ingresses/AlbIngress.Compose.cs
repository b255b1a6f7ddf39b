using Palisade.Components.Graph;
using Palisade.Components.Ingress;
using Palisade.Components.Naming;
using Palisade.Stacks.Composition;

namespace Palisade.Stacks.Platform;

public sealed partial record AlbIngress
{
    protected override (IngressStyle Style, IReadOnlyList<Resource> DependsOn) Install(ResourceGraph graph, StackCluster cluster)
    {
        var eks = cluster.Eks ?? throw new InvalidOperationException("ingress alb needs an EKS cluster.");
        var clusterName = eks.Args.Name;
        var region = eks.Args.Region;
        var controller = AlbController.Create(graph, graph.Root, eks, cluster.KubernetesProvider,
            new AlbControllerArgs(clusterName, region, VpcId.In(graph)));
        var wafComponent = graph.AddComponent(graph.Root, "palisade:ingress:WafRateLimit", "waf");
        var acl = WafRateLimitAcl.Create(graph, wafComponent, CloudNames.Qualified(CloudNames.AwsWafAcl, clusterName, "rate-limit"), WafRateLimit, eks.AwsProvider);
        graph.AddOutput("wafAclArn", acl.Output("arn"));
        return (new AlbIngressStyle(clusterName, CertificateArn.In(graph), SslPolicy.In(graph), acl.Output("arn"), SubnetIds), [controller]);
    }
}
