using Palisade.Components.Guardrails;

namespace Palisade.Stacks.Platform;

/// <summary>How a stack's target enforces the platform's guardrails: one type per way.</summary>
internal abstract record GuardrailEnforcement
{
    /// <summary>As Admin-tier cluster policies of an API the cluster serves: no tenant NetworkPolicy can widen them.</summary>
    public sealed record ClusterTier(ClusterPolicyApi Api) : GuardrailEnforcement;

    /// <summary>
    /// Only as the namespaced baseline (default deny, DNS to the resolver, link-local excluded from every ipBlock): any
    /// NetworkPolicy a tenant adds in its namespace can widen it. Why says what the target lacks.
    /// </summary>
    public sealed record Namespaced(string Why) : GuardrailEnforcement;
}

/// <summary>The cluster policy APIs <c>palisade:clusterPolicyApi</c> can declare for an existing cluster.</summary>
internal static class ClusterPolicyApis
{
    public const string None = "none";

    public static IReadOnlyDictionary<string, ClusterPolicyApi> ByName { get; } = new SortedDictionary<string, ClusterPolicyApi>(StringComparer.Ordinal)
    {
        ["v1alpha2"] = UpstreamClusterPolicyApi.Instance,
    };

    public static IEnumerable<string> Names => ByName.Keys.Append(None);
}

/// <summary>Whether the target can log policy decisions (allowed and denied flows), whether the stack turns it on, and how.</summary>
internal sealed record FlowLogging(bool Available, bool On, string Description)
{
    public override string ToString() => Description;
}
