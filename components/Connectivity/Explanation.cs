using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>A rule that decided: policy kind, namespace/name (name alone for cluster policies), the rule and its tier.</summary>
public sealed record DecidingRule(string Kind, string Policy, string Rule, string Tier)
{
    public override string ToString() => $"{Kind} {Policy} {Rule} ({Tier} tier)";
}

/// <summary>
/// Part of the connection space and what happened to it: allowed or not, the rule that decided (null when the default
/// decided), and why in words.
/// </summary>
public sealed record VerdictPiece(ConnectionSet Connections, bool Allowed, DecidingRule? DecidedBy, string Reason);

/// <summary>One direction: the policies that apply to its subject and the verdict, piece by piece.</summary>
public sealed record DirectionExplanation(
    PolicyType Direction,
    string Subject,
    IReadOnlyList<string> SelectingNetworkPolicies,
    IReadOnlyList<string> ApplyingClusterPolicies,
    IReadOnlyList<VerdictPiece> Pieces)
{
    public ConnectionSet Allowed => Pieces.Where(p => p.Allowed).Aggregate(ConnectionSet.None, (a, p) => a.Union(p.Connections));
}

/// <summary>
/// Why one endpoint can or cannot reach another: the egress of the source (null when the source is an address) and
/// the ingress of the destination (null when it is an address); the verdict is what both allow.
/// </summary>
public sealed record Explanation(string From, string To, DirectionExplanation? Egress, DirectionExplanation? Ingress)
{
    public ConnectionSet Allowed => (Egress?.Allowed ?? ConnectionSet.All).Intersect(Ingress?.Allowed ?? ConnectionSet.All);
}

/// <summary>
/// The explanation of one part of an address range that the policies treat alike: its ranges (sorted, disjoint; empty
/// when neither end is a range), the name of the range they lie in (e.g. nodes) and the explanation of any address in them.
/// </summary>
public sealed record ExplainedSegment(IReadOnlyList<AddressRange> Ranges, string? Name, Explanation Explanation);
