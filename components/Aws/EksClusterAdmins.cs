using Palisade.Components.Graph;

namespace Palisade.Components.Aws;

/// <summary>
/// Cluster administrators besides the creator: <c>bootstrapClusterCreatorAdminPermissions</c> grants cluster-admin
/// only to whoever ran the first <c>pulumi up</c>, once. Each configured IAM principal gets an access entry and the
/// <c>AmazonEKSClusterAdminPolicy</c> association, scoped to the cluster (resource-types.md §3.5).
/// </summary>
public static class EksClusterAdmins
{
    public const string AccessEntryType = "aws:eks/accessEntry:AccessEntry";
    public const string AccessPolicyAssociationType = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation";
    public const string ClusterAdminPolicy = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

    public static void Add(ResourceGraph graph, EksCluster cluster, IReadOnlyList<string> principalArns)
    {
        var options = new ResourceOptions { Provider = cluster.AwsProvider };
        for (var i = 0; i < principalArns.Count; i++)
        {
            var name = cluster.Component.ChildName($"admin-{i + 1}");
            var entry = graph.AddResource(cluster.Component, AccessEntryType, $"{name}-access-entry", new MapBuilder
            {
                { "clusterName", cluster.ClusterName },
                { "principalArn", principalArns[i] },
                { "type", "STANDARD" },
            }, options);
            graph.AddResource(cluster.Component, AccessPolicyAssociationType, $"{name}-cluster-admin", new MapBuilder
            {
                { "clusterName", cluster.ClusterName },
                { "principalArn", principalArns[i] },
                { "policyArn", ClusterAdminPolicy },
                { "accessScope", new MapBuilder { { "type", "cluster" } }.Build() },
            }, options with { DependsOn = [entry] });
        }
    }
}
