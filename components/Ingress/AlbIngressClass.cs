using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.Ingress;

/// <summary>What the stack pins for every Ingress of its ALB class.</summary>
public sealed record AlbIngressClassArgs
{
    /// <summary>The IngressGroup every Ingress of the class joins (one ALB).</summary>
    public required string GroupName { get; init; }

    /// <summary>The public subnets of the ALB.</summary>
    public required IReadOnlyList<string> SubnetIds { get; init; }

    /// <summary>The ACM certificate of the HTTPS listener.</summary>
    public required Value CertificateArn { get; init; }

    /// <summary>The WAFv2 web ACL of the ALB.</summary>
    public required Value WebAclArn { get; init; }

    /// <summary>The only namespaces whose Ingresses may use the class.</summary>
    public required IReadOnlyList<string> TargetNamespaces { get; init; }

    /// <summary>The HTTPS listener's TLS policy.</summary>
    /// <remarks>Default: <see cref="DefaultSslPolicy"/> (TLS 1.3 and 1.2 only).</remarks>
    public Value SslPolicy { get; init; } = DefaultSslPolicy;

    public const string DefaultSslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";
}

/// <summary>
/// The stack's ALB IngressClass and its <c>elbv2.k8s.aws/v1beta1</c> IngressClassParams (AWS Load Balancer Controller
/// docs, <c>guide/ingress/ingress_class.md</c>; <c>wafv2AclArn</c> since PR #3961): the scheme, subnets, IngressGroup,
/// certificate, TLS policy and WAF ACL of the shared ALB are set here, where the controller ignores the matching
/// Ingress annotations, so no Ingress that joins the class can move the ALB, detach its WAF or pick another group;
/// a differing <c>wafv2-acl-arn</c> annotation makes the controller refuse the group instead. Only the namespaces
/// that hold the apps' routed tiers may use the class. The params are a custom resource (a ConfigGroup) created after
/// the controller, whose CRD and validating webhook must exist first.
/// </summary>
public static class AlbIngressClass
{
    public const string ControllerName = "ingress.k8s.aws/alb";
    public const string ParamsApiGroup = "elbv2.k8s.aws";
    public const string ParamsApiVersion = ParamsApiGroup + "/v1beta1";
    public const string ParamsKind = "IngressClassParams";
    public const string ConfigGroupType = "kubernetes:yaml/v2:ConfigGroup";
    public const string IngressClassType = "kubernetes:networking.k8s.io/v1:IngressClass";

    /// <summary>Creates the params and the class; both must exist before an Ingress names the class.</summary>
    public static IReadOnlyList<Resource> Create(ResourceGraph graph, Component parent, string className, Resource kubernetesProvider,
        Resource controller, AlbIngressClassArgs args)
    {
        var labels = MapValue.OfStrings(Labels.Of((WellKnownLabels.ManagedBy, "palisade")));
        var parameters = graph.AddResource(parent, ConfigGroupType, "alb-ingress-class-params", new MapBuilder
        {
            {
                "objs", ListValue.Of(new MapBuilder
                {
                    { "apiVersion", ParamsApiVersion },
                    { "kind", ParamsKind },
                    { "metadata", new MapBuilder { { "name", className }, { "labels", labels } }.Build() },
                    { "spec", Spec(args) },
                }.Build())
            },
        }, new ResourceOptions { Provider = kubernetesProvider, DependsOn = [controller] });

        var ingressClass = graph.AddResource(parent, IngressClassType, "alb-ingress-class", new MapBuilder
        {
            { "metadata", new MapBuilder { { "name", className }, { "labels", labels } }.Build() },
            {
                "spec", new MapBuilder
                {
                    { "controller", ControllerName },
                    {
                        "parameters", new MapBuilder
                        {
                            { "apiGroup", ParamsApiGroup },
                            { "kind", ParamsKind },
                            { "name", className },
                        }.Build()
                    },
                }.Build()
            },
        }, new ResourceOptions { Provider = kubernetesProvider, DependsOn = [parameters] });

        return [parameters, ingressClass];
    }

    public static MapValue Spec(AlbIngressClassArgs args) => new MapBuilder
    {
        {
            "namespaceSelector", new MapBuilder
            {
                {
                    "matchExpressions", ListValue.Of(new MapBuilder
                    {
                        { "key", WellKnownLabels.NamespaceName },
                        { "operator", "In" },
                        { "values", ListValue.OfStrings(args.TargetNamespaces) },
                    }.Build())
                },
            }.Build()
        },
        { "group", new MapBuilder { { "name", args.GroupName } }.Build() },
        { "scheme", "internet-facing" },
        { "subnets", new MapBuilder { { "ids", ListValue.OfStrings(args.SubnetIds) } }.Build() },
        { "certificateArn", ListValue.Of(args.CertificateArn) },
        { "sslPolicy", args.SslPolicy },
        { "wafv2AclArn", args.WebAclArn },
    };
}
