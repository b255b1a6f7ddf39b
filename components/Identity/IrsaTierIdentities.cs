using Palisade.Components.Aws;
using Palisade.Components.Graph;
using Palisade.Components.Naming;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Identity;

/// <summary>On EKS a tier's declared identity becomes an IRSA role trusted by exactly the tier's service account.</summary>
internal sealed class IrsaTierIdentities(EksCluster cluster, string clusterName) : ITierIdentities
{
    public IReadOnlyDictionary<string, Value> Bind(ResourceGraph graph, Component tierComponent, AppSpec app, TierSpec tier)
    {
        var identity = tier.Identity ?? throw new InvalidOperationException($"Tier '{tier.Name}' declares no identity.");
        var role = IrsaRole.Create(graph, tierComponent, tierComponent.ChildName("irsa"), cluster, new IrsaRoleArgs(
            CloudNames.Qualified(CloudNames.AwsIamRole, clusterName, app.Name, tier.Name),
            ServiceAccountRef.Of(tier.Namespace, tier.ServiceAccountName),
            identity.AwsManagedPolicyArns.Select(a => (Value)a).ToList(),
            identity.AwsStatements));
        return role.Annotations;
    }
}
