using Palisade.Components.Graph;

namespace Palisade.Components.Kubernetes;

/// <summary>What a node taint does to pods that do not tolerate it.</summary>
public enum TaintEffect
{
    NoSchedule,
    PreferNoSchedule,
    NoExecute,
}

/// <summary>
/// A taint every node of a pool carries. EKS managed node groups and GKE node pools both spell the effect
/// <c>NO_SCHEDULE</c>, <c>PREFER_NO_SCHEDULE</c> or <c>NO_EXECUTE</c>.
/// </summary>
public sealed record NodeTaint(string Key, string Value, TaintEffect Effect)
{
    public string CloudEffect => Effect switch
    {
        TaintEffect.NoSchedule => "NO_SCHEDULE",
        TaintEffect.PreferNoSchedule => "PREFER_NO_SCHEDULE",
        TaintEffect.NoExecute => "NO_EXECUTE",
        _ => throw new ArgumentOutOfRangeException(nameof(Effect)),
    };

    public MapValue ToCloudValue() => new MapBuilder { { "key", Key }, { "value", Value }, { "effect", CloudEffect } };

    /// <summary>The taints as the clouds' list, or null when there are none (so nothing is emitted).</summary>
    public static ListValue? ToCloudList(IReadOnlyList<NodeTaint> taints) =>
        taints.Count == 0 ? null : ListValue.Of(taints.Select(t => (Value)t.ToCloudValue()));
}
