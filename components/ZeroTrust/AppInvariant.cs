using Palisade.Components.Kubernetes;

namespace Palisade.Components.ZeroTrust;

/// <summary>
/// Something an app declares must never be open. Flows say what is needed; invariants say what the architecture
/// forbids, so that a later flow, a platform allowance or a hand-edited manifest that opens it is caught.
/// </summary>
public abstract record AppInvariant
{
    private protected AppInvariant()
    {
    }

    /// <summary>The tiers the invariant names (all must exist).</summary>
    public abstract IEnumerable<string> Tiers { get; }

    /// <summary><paramref name="from"/> never reaches <paramref name="to"/>, on any port.</summary>
    public static AppInvariant Never(string from, string to) => new NeverReaches(from, to, null, Protocol.TCP);

    /// <summary><paramref name="from"/> never reaches <paramref name="to"/> on one port (named ports resolve on the destination).</summary>
    public static AppInvariant Never(string from, string to, IntOrString port, Protocol protocol = Protocol.TCP) =>
        new NeverReaches(from, to, port, protocol);

    /// <summary>The tier opens no connection except DNS (UDP and TCP 53 to the cluster's resolver).</summary>
    public static AppInvariant NoEgressBeyondDns(string tier) => new NoEgressBeyondDnsInvariant(tier);

    /// <summary>Nothing reaches the tier except the given tiers of the app: no other tier, platform pod or address.</summary>
    public static AppInvariant OnlyFrom(string tier, params string[] sources) => new ReachableOnlyFrom(tier, sources);

    /// <summary>No address outside the cluster reaches the tier directly.</summary>
    public static AppInvariant NeverFromOutside(string tier) => new NeverFromOutsideCluster(tier);
}

/// <summary>No connection from one tier to another, or none on <see cref="Port"/> when it is given.</summary>
public sealed record NeverReaches(string From, string To, IntOrString? Port, Protocol Protocol) : AppInvariant
{
    public override IEnumerable<string> Tiers => [From, To];

    public override string ToString() => Port is { } port ? $"never {From} -> {To} {Protocol}/{port}" : $"never {From} -> {To}";
}

/// <summary>The tier's only egress is DNS.</summary>
public sealed record NoEgressBeyondDnsInvariant(string Tier) : AppInvariant
{
    public override IEnumerable<string> Tiers => [Tier];

    public override string ToString() => $"{Tier} has no egress beyond DNS";
}

/// <summary>The tier is reached by the listed tiers and nothing else.</summary>
public sealed record ReachableOnlyFrom(string Tier, IReadOnlyList<string> Sources) : AppInvariant
{
    public override IEnumerable<string> Tiers => Sources.Prepend(Tier);

    public override string ToString() => $"{Tier} is reachable only from {string.Join(", ", Sources)}";

    // Records compare lists by reference; invariants are compared by what they say (duplicates are refused).
    public bool Equals(ReachableOnlyFrom? other) =>
        other is not null && Tier == other.Tier && Sources.SequenceEqual(other.Sources, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Tier, string.Join(",", Sources));
}

/// <summary>No external address (outside the cluster's workloads) reaches the tier.</summary>
public sealed record NeverFromOutsideCluster(string Tier) : AppInvariant
{
    public override IEnumerable<string> Tiers => [Tier];

    public override string ToString() => $"{Tier} is never reached from outside the cluster";
}
