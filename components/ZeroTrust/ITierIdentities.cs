using Palisade.Components.Graph;

namespace Palisade.Components.ZeroTrust;

/// <summary>
/// Grants a tier's declared <see cref="CloudIdentitySpec"/> to its service account on the stack's cloud (IRSA on
/// EKS, Workload Identity on GKE) and returns the annotations the service account must carry.
/// </summary>
public interface ITierIdentities
{
    IReadOnlyDictionary<string, Value> Bind(ResourceGraph graph, Component tierComponent, AppSpec app, TierSpec tier);
}
