using Palisade.Components.Graph;
using Palisade.Components.Ingress;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Composition;

/// <summary>
/// The stack's ingress: the controller the stack's cluster needs (ingress-nginx, or the AWS Load Balancer Controller
/// with a WAF ACL) and the Ingresses of every app that declares routes. On cloud existing with ingress nginx the
/// controller is assumed installed in palisade:ingressNamespace; only the Ingresses are emitted.
/// </summary>
public static class IngressComposer
{
    public static void Compose(ResourceGraph graph, StackConfig config, PlatformSettings settings, StackCluster cluster, IReadOnlyList<TieredApp> apps)
    {
        if (settings.Ingress == IngressKind.None)
        {
            return;
        }

        IngressStyle style;
        IReadOnlyList<Resource> dependsOn = [];
        if (settings.Ingress == IngressKind.Alb)
        {
            var eks = cluster.Eks ?? throw new InvalidOperationException("ingress alb needs an EKS cluster.");
            var alb = settings.Alb!;
            var controller = AlbController.Create(graph, graph.Root, eks, cluster.KubernetesProvider,
                new AlbControllerArgs(settings.ClusterName, settings.Region!, settings.VpcId!));
            var wafComponent = graph.AddComponent(graph.Root, "palisade:ingress:WafRateLimit", "waf");
            var acl = WafRateLimitAcl.Create(graph, wafComponent, $"{settings.ClusterName}-rate-limit", alb.WafRateLimit, eks.AwsProvider);
            style = new AlbIngressStyle(settings.ClusterName, alb.CertificateArn, alb.SslPolicy, acl.Output("arn"));
            dependsOn = [controller];
            graph.AddOutput("wafAclArn", acl.Output("arn"));
        }
        else
        {
            var nginx = settings.Nginx!;
            if (settings.CreatesCluster)
            {
                dependsOn = [NginxIngressController.Create(graph, graph.Root, StackComposer.IngressNamespace(config), cluster.KubernetesProvider)];
            }

            style = new NginxIngressStyle(nginx.RequestsPerSecond, nginx.Connections, nginx.BodySize);
        }

        foreach (var app in apps.Where(a => a.App.Ingress is not null))
        {
            AppIngress.Create(graph, app, style, settings.Domain!, cluster.KubernetesProvider, dependsOn);
        }
    }
}
