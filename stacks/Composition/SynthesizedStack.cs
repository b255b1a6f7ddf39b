using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;
using Palisade.Stacks.Platform;

namespace Palisade.Stacks.Composition;

/// <summary>The result of composing a stack: the resource graph plus what the analysis needs to prove it.</summary>
internal sealed record SynthesizedStack(
    StackConfig Config,
    StackPlatform Platform,
    ResourceGraph Graph,
    IReadOnlyList<ZeroTrustNamespace> Namespaces,
    IReadOnlyList<TieredApp> Apps,
    IReadOnlyList<Workload> AppWorkloads,
    IReadOnlyList<Workload> PlatformWorkloads,
    IReadOnlyList<Assumption> Assumptions)
{
    public string Stack => Config.Stack;

    /// <summary>The platform's guardrails: what they protect, how the target enforces them, the cluster policies emitted.</summary>
    public StackGuardrails? Guardrails { get; init; }

    /// <summary>The platform workloads whose namespaces got baselines for a strict dataplane (none otherwise).</summary>
    public IReadOnlyList<SystemWorkload> SystemWorkloads { get; init; } = [];

    /// <summary>Every policy the stack emits: the namespaces' baselines, then each app's tier rules and allowances.</summary>
    public IReadOnlyList<OwnedPolicy> Policies => Namespaces.SelectMany(n => n.Policies).Concat(Apps.SelectMany(a => a.Policies)).ToList();

    /// <summary>The platform's pods and addresses app traffic meets.</summary>
    public PlatformPeers Peers => Platform.Peers;
}
