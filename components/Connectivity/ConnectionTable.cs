namespace Palisade.Components.Connectivity;

/// <summary>
/// Where a <see cref="ConnectivityResult"/> gets its connections from: a sorted list, or the engine's class-level answer
/// expanded on demand. Workloads are addressed by rank (position in id order).
/// </summary>
internal abstract class ConnectionTable
{
    /// <summary>Every connection, sorted by source then destination, produced one at a time.</summary>
    public abstract IEnumerable<Connection> Enumerate();

    public abstract long Count { get; }

    public abstract IEnumerable<ConnectionBlock> Blocks();

    /// <summary>Traffic from one workload to another; never called with the same rank twice.</summary>
    public abstract ConnectionSet Between(int source, int destination);

    public abstract IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)> ToExternal(int source);

    public abstract IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)> FromExternal(int destination);
}
