namespace Palisade.Components.Connectivity;

/// <summary>
/// Connections that share one allowed set: from every source to every destination, never from a workload to itself.
/// This is how the engine holds its answer (workload classes), so a report can count or group connections without
/// visiting each pair.
/// </summary>
/// <param name="Sources">Sorted peers; one external peer, or workloads of one class.</param>
/// <param name="Destinations">Sorted peers; one external peer, or workloads of one class.</param>
/// <param name="SameGroup">Sources and destinations are the same workloads, so each misses itself as destination.</param>
public sealed record ConnectionBlock(IReadOnlyList<Peer> Sources, IReadOnlyList<Peer> Destinations, ConnectionSet Allowed, bool SameGroup)
{
    /// <summary>How many (source, destination) connections the block stands for.</summary>
    public long Count => ((long)Sources.Count * Destinations.Count) - (SameGroup ? Sources.Count : 0);
}
