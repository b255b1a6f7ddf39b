using Palisade.Components.Kubernetes;

namespace Palisade.Components.ZeroTrust;

/// <summary>Why a policy exists; promotion, checks and reports read the role, never the policy's name.</summary>
public enum PolicyRole
{
    /// <summary>A namespace's default deny and DNS egress, the same in every environment.</summary>
    Baseline,

    /// <summary>Admits a platform peer (ingress controller, load balancer, monitoring) whose placement differs per environment.</summary>
    PlatformAllowance,

    /// <summary>A tier's rules for its declared flows and external egress.</summary>
    TierRule,
}

/// <summary>A NetworkPolicy the stack emits, with its role.</summary>
public sealed record OwnedPolicy(NetworkPolicy Policy, PolicyRole Role)
{
    public string Name => Policy.Name;

    public string Namespace => Policy.Namespace;
}
