using Palisade.Components.Aws;
using Palisade.Components.Graph;
using Palisade.Components.Naming;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Identity;

/// <summary>On EKS a tier's declared identity becomes an IRSA role trusted by exactly the tier's service account.</summary>
public sealed class IrsaTierIdentities(EksCluster cluster) : ITierIdentities
{
    public IReadOnlyDictionary<string, Value> Bind(ResourceGraph graph, Component tierComponent, AppSpec app, TierSpec tier)
    {
        var identity = tier.Identity ?? throw new InvalidOperationException($"Tier '{tier.Name}' declares no identity.");
        var role = IrsaRole.Create(graph, tierComponent, tierComponent.ChildName("irsa"), cluster, new IrsaRoleArgs
        {
            RoleName = CloudNames.Qualified(CloudNames.AwsIamRole, cluster.Name, app.Name, tier.Name),
            ServiceAccount = ServiceAccountRef.Of(tier.Namespace, tier.ServiceAccountName),
            ManagedPolicyArns = identity.AwsManagedPolicyArns.Select(a => (Value)a).ToList(),
            InlineStatements = identity.AwsStatements,
        });
        return role.Annotations;
    }
}
