using Palisade.Components.Aws;
using Palisade.Components.Graph;

namespace Palisade.Components.Identity;

/// <summary>The arguments of an <see cref="IrsaRole"/>: the role's name and the one service account that may assume it.</summary>
public sealed record IrsaRoleArgs
{
    /// <summary>An account-scoped name: qualify it with the cluster's name through <see cref="Naming.CloudNames"/>.</summary>
    public required string RoleName { get; init; }

    /// <summary>The only service account the trust policy admits.</summary>
    public required ServiceAccountRef ServiceAccount { get; init; }

    /// <summary>Managed policies attached to the role.</summary>
    /// <remarks>Default: none.</remarks>
    public IReadOnlyList<Value> ManagedPolicyArns { get; init; } = [];

    /// <summary>Statements of the role's inline policy.</summary>
    /// <remarks>Default: none (no inline policy).</remarks>
    public IReadOnlyList<IamStatement> InlineStatements { get; init; } = [];
}

/// <summary>
/// IAM Roles for Service Accounts: an IAM role that exactly one Kubernetes service account may assume through the
/// cluster's OIDC provider (cloud-wiring.md §1), its managed and inline policies, and the annotation the service
/// account carries. The trust policy is built with <c>aws:iam/getPolicyDocument</c> (method B of §1.2): the
/// condition keys are values, StringEquals only, and both the <c>sub</c> and the <c>aud</c> condition are always
/// present — there is no way to ask for a wildcard or to leave the audience out.
/// </summary>
public sealed class IrsaRole
{
    public const string Audience = "sts.amazonaws.com";
    public const string RoleArnAnnotation = "eks.amazonaws.com/role-arn";
    public const string RegionalStsAnnotation = "eks.amazonaws.com/sts-regional-endpoints";

    private IrsaRole(Resource role, IReadOnlyDictionary<string, Value> annotations)
    {
        Role = role;
        Annotations = annotations;
    }

    public Resource Role { get; }

    /// <summary>Annotations for the service account: the role ARN and the regional STS endpoint.</summary>
    public IReadOnlyDictionary<string, Value> Annotations { get; }

    public static IrsaRole Create(ResourceGraph graph, Component parent, string logicalPrefix, EksCluster cluster, IrsaRoleArgs args)
    {
        var options = new ResourceOptions { Provider = cluster.AwsProvider };
        var role = graph.AddResource(parent, AwsTypes.IamRole, $"{logicalPrefix}-role", new MapBuilder
        {
            { "name", args.RoleName },
            { "description", $"IRSA role of Kubernetes service account {args.ServiceAccount}" },
            { "assumeRolePolicy", TrustPolicy(cluster.OidcProvider, cluster.IssuerHost, args.ServiceAccount, cluster.AwsProvider) },
        }, options);

        for (var i = 0; i < args.ManagedPolicyArns.Count; i++)
        {
            graph.AddResource(parent, AwsTypes.RolePolicyAttachment, $"{logicalPrefix}-policy-{i}", new MapBuilder
            {
                { "role", role.Output("name") },
                { "policyArn", args.ManagedPolicyArns[i] },
            }, options);
        }

        if (args.InlineStatements.Count > 0)
        {
            graph.AddResource(parent, AwsTypes.RolePolicy, $"{logicalPrefix}-inline", new MapBuilder
            {
                { "role", role.Output("name") },
                { "name", "inline" },
                { "policy", IamDocuments.Policy(args.InlineStatements) },
            }, options);
        }

        return new IrsaRole(role, new SortedDictionary<string, Value>(StringComparer.Ordinal)
        {
            [RoleArnAnnotation] = role.Output("arn"),
            [RegionalStsAnnotation] = "true",
        });
    }

    /// <summary>
    /// <c>fn::invoke aws:iam/getPolicyDocument</c>: Allow <c>sts:AssumeRoleWithWebIdentity</c> for the cluster's
    /// OIDC provider when <c>&lt;issuer&gt;:sub</c> equals the one service account and <c>&lt;issuer&gt;:aud</c>
    /// equals <c>sts.amazonaws.com</c>.
    /// </summary>
    public static Value TrustPolicy(Resource oidcProvider, VariableRef issuerHost, ServiceAccountRef serviceAccount, Resource awsProvider) =>
        new FunctionCall("invoke", new MapBuilder
        {
            { "function", AwsTypes.GetPolicyDocument },
            {
                "arguments", new MapBuilder
                {
                    {
                        "statements", ListValue.Of(new MapBuilder
                        {
                            { "effect", "Allow" },
                            { "actions", ListValue.Of("sts:AssumeRoleWithWebIdentity") },
                            {
                                "principals", ListValue.Of(new MapBuilder
                                {
                                    { "type", "Federated" },
                                    { "identifiers", ListValue.Of(oidcProvider.Output("arn")) },
                                }.Build())
                            },
                            {
                                "conditions", ListValue.Of(
                                    Condition(issuerHost, "sub", serviceAccount.IrsaSubject),
                                    Condition(issuerHost, "aud", Audience))
                            },
                        }.Build())
                    },
                }.Build()
            },
            { "options", new MapBuilder { { "provider", awsProvider.Self } }.Build() },
            { "return", "json" },
        }.Build());

    private static MapValue Condition(VariableRef issuerHost, string claim, string value) => new MapBuilder
    {
        { "test", "StringEquals" },
        { "variable", Interpolation.Of(issuerHost, $":{claim}") },
        { "values", ListValue.Of(value) },
    };
}
