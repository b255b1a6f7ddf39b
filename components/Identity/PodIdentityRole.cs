using Palisade.Components.Aws;
using Palisade.Components.Graph;
using Palisade.Components.Naming;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Identity;

/// <summary>
/// EKS Pod Identity (EKS user guide, "pod-identities", "pod-id-how-it-works"): an IAM role trusted by the service
/// principal <c>pods.eks.amazonaws.com</c> for <c>sts:AssumeRole</c> and <c>sts:TagSession</c> (the agent tags each
/// session with the cluster, namespace and service account), its managed and inline policies, and a pod identity
/// association that binds it to exactly one service account of the cluster. The service account needs no annotation;
/// its pods fetch credentials from the node's agent at 169.254.170.23:80.
/// </summary>
public static class PodIdentityRole
{
    public const string ServicePrincipal = "pods.eks.amazonaws.com";
    public const string AssociationType = "aws:eks/podIdentityAssociation:PodIdentityAssociation";

    public static Resource Create(ResourceGraph graph, Component parent, string logicalPrefix, EksCluster cluster, string roleName,
        ServiceAccountRef serviceAccount, CloudIdentitySpec identity)
    {
        var options = new ResourceOptions { Provider = cluster.AwsProvider };
        var role = graph.AddResource(parent, AwsTypes.IamRole, $"{logicalPrefix}-role", new MapBuilder
        {
            { "name", roleName },
            { "description", $"EKS Pod Identity role of Kubernetes service account {serviceAccount}" },
            { "assumeRolePolicy", TrustPolicy() },
        }, options);

        for (var i = 0; i < identity.AwsManagedPolicyArns.Count; i++)
        {
            graph.AddResource(parent, AwsTypes.RolePolicyAttachment, $"{logicalPrefix}-policy-{i}", new MapBuilder
            {
                { "role", role.Output("name") },
                { "policyArn", identity.AwsManagedPolicyArns[i] },
            }, options);
        }

        if (identity.AwsStatements.Count > 0)
        {
            graph.AddResource(parent, AwsTypes.RolePolicy, $"{logicalPrefix}-inline", new MapBuilder
            {
                { "role", role.Output("name") },
                { "name", "inline" },
                { "policy", IamDocuments.Policy(identity.AwsStatements) },
            }, options);
        }

        return graph.AddResource(parent, AssociationType, $"{logicalPrefix}-association", new MapBuilder
        {
            { "clusterName", cluster.ClusterName },
            { "namespace", serviceAccount.Namespace },
            { "serviceAccount", serviceAccount.Name },
            { "roleArn", role.Output("arn") },
        }, options with { DependsOn = cluster.PodIdentityAgent is { } agent ? [agent] : [] });
    }

    /// <summary>Allow <c>pods.eks.amazonaws.com</c> to <c>sts:AssumeRole</c> and <c>sts:TagSession</c>, nothing else.</summary>
    public static Value TrustPolicy() => new FunctionCall("toJSON", new MapBuilder
    {
        { "Version", IamDocuments.Version },
        {
            "Statement", ListValue.Of(new MapBuilder
            {
                { "Effect", "Allow" },
                { "Principal", new MapBuilder { { "Service", ServicePrincipal } }.Build() },
                { "Action", ListValue.Of("sts:AssumeRole", "sts:TagSession") },
            }.Build())
        },
    }.Build());
}

/// <summary>On EKS with Pod Identity a tier's declared identity becomes a role associated with exactly the tier's service account.</summary>
public sealed class PodIdentityTierIdentities(EksCluster cluster) : ITierIdentities
{
    public IReadOnlyDictionary<string, Value> Bind(ResourceGraph graph, Component tierComponent, AppSpec app, TierSpec tier)
    {
        var identity = tier.Identity ?? throw new InvalidOperationException($"Tier '{tier.Name}' declares no identity.");
        PodIdentityRole.Create(graph, tierComponent, tierComponent.ChildName("pod-identity"), cluster, CloudNames.Qualified(CloudNames.AwsIamRole, cluster.Name, app.Name, tier.Name),
            ServiceAccountRef.Of(tier.Namespace, tier.ServiceAccountName), identity);
        return new Dictionary<string, Value>();
    }
}
