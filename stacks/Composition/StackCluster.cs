using Palisade.Components.Aws;
using Palisade.Components.Graph;
using Palisade.Components.ZeroTrust;

namespace Palisade.Stacks.Composition;

/// <summary>The cluster a stack deploys into: its Kubernetes provider, how tiers get cloud identities, and the EKS cluster when there is one.</summary>
internal sealed record StackCluster(Resource KubernetesProvider, ITierIdentities? Identities, EksCluster? Eks)
{
    /// <summary>What lets the control plane reach admission webhooks (a firewall rule): objects they check wait for it.</summary>
    public IReadOnlyList<Resource> WebhookAccess { get; init; } = [];

    /// <summary>The platform namespaces' baseline policies on a strict dataplane, which platform controllers install after.</summary>
    public IReadOnlyList<Resource> PlatformBaselines { get; init; } = [];
}
