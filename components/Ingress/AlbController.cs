using Palisade.Components.Aws;
using Palisade.Components.Graph;
using Palisade.Components.Identity;
using Palisade.Components.Kubernetes;
using Palisade.Components.Naming;

namespace Palisade.Components.Ingress;

/// <summary>The arguments of the <see cref="AlbController"/>: set explicitly, so the controller never needs instance metadata.</summary>
public sealed record AlbControllerArgs
{
    /// <summary>The EKS cluster's name (its IAM role and policy names start with it).</summary>
    public required string ClusterName { get; init; }

    public required string Region { get; init; }

    /// <summary>The VPC of the cluster's subnets.</summary>
    public required Value VpcId { get; init; }
}

/// <summary>
/// The AWS Load Balancer Controller (cloud-wiring.md §5.1.1): a Helm release of the pinned chart in kube-system
/// with an explicit release and service account name, its own IRSA role (trust for exactly
/// kube-system/aws-load-balancer-controller) carrying the controller's IAM policy, and region and VPC set so the
/// controller never needs instance metadata. The Service mutating webhook (chart <c>enableServiceMutatorWebhook</c>,
/// <c>failurePolicy: Fail</c> on every Service create) is off: the stack creates no <c>type: LoadBalancer</c> Service,
/// and with it on every Service create fails until the controller is ready. The chart's IngressClass and
/// IngressClassParams are off too: the stack owns them (<see cref="AlbIngressClass"/>).
/// </summary>
public static class AlbController
{
    public const string Chart = "aws-load-balancer-controller";
    public const string ChartVersion = "3.5.0";
    public const string Repository = "https://aws.github.io/eks-charts";
    public const string Namespace = "kube-system";
    public const string ServiceAccountName = "aws-load-balancer-controller";
    public const string ClassName = "alb";

    public static Resource Create(ResourceGraph graph, Component parent, EksCluster cluster, Resource kubernetesProvider, AlbControllerArgs args,
        IReadOnlyList<Resource>? dependsOn = null)
    {
        var component = graph.AddComponent(parent, "palisade:ingress:AwsLoadBalancerController", "aws-load-balancer-controller");
        var awsOptions = new ResourceOptions { Provider = cluster.AwsProvider };
        var policy = graph.AddResource(component, AwsTypes.IamPolicy, "alb-controller-policy", new MapBuilder
        {
            { "name", CloudNames.Qualified(CloudNames.AwsIamPolicy, args.ClusterName, Chart) },
            { "description", "Permissions of the AWS Load Balancer Controller (docs/install/iam_policy.json v3.5.0)" },
            { "policy", IamDocuments.Policy(AlbControllerPolicy.Statements()) },
        }, awsOptions);
        var role = IrsaRole.Create(graph, component, "alb-controller-irsa", cluster, new IrsaRoleArgs
        {
            RoleName = CloudNames.Qualified(CloudNames.AwsIamRole, args.ClusterName, Chart),
            ServiceAccount = ServiceAccountRef.Of(Namespace, ServiceAccountName),
            ManagedPolicyArns = [policy.Output("arn")],
        });

        return graph.AddResource(component, KubernetesTypes.HelmRelease, "alb-controller", new MapBuilder
        {
            { "name", Chart },
            { "chart", Chart },
            { "version", ChartVersion },
            { "repositoryOpts", new MapBuilder { { "repo", Repository } }.Build() },
            { "namespace", Namespace },
            {
                "values", new MapBuilder
                {
                    { "clusterName", cluster.ClusterName },
                    { "region", args.Region },
                    { "vpcId", args.VpcId },
                    { "enableServiceMutatorWebhook", false },
                    { "ingressClass", ClassName },
                    { "createIngressClassResource", false },
                    { "ingressClassParams", new MapBuilder { { "create", false } }.Build() },
                    {
                        "serviceAccount", new MapBuilder
                        {
                            { "create", true },
                            { "name", ServiceAccountName },
                            { "annotations", new MapBuilder { { IrsaRole.RoleArnAnnotation, role.Role.Output("arn") } }.Build() },
                        }.Build()
                    },
                }.Build()
            },
        }, new ResourceOptions { Provider = kubernetesProvider, DependsOn = dependsOn ?? [] });
    }
}
