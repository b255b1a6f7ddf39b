using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Composition;

/// <summary>The result of composing a stack: the resource graph plus what the analysis needs to prove it.</summary>
public sealed record SynthesizedStack(
    StackConfig Config,
    ResourceGraph Graph,
    IReadOnlyList<TieredApp> Apps,
    PlatformPeers Platform,
    IReadOnlyList<Workload> AppWorkloads,
    IReadOnlyList<Workload> PlatformWorkloads)
{
    public string Stack => Config.Stack;
}
