namespace Palisade.Components.Connectivity;

/// <summary>
/// Turns per-range connections of one workload into external peers (<see cref="AddressPartition.Group{T}"/>: adjacent
/// ranges with equal connections merge, all ranges of one family with equal connections form one peer). The result is
/// the same for any finer input partition, so both evaluators agree byte for byte.
/// </summary>
public static class ExternalGrouping
{
    public static IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)> Group(
        IEnumerable<(AddressRange Range, ConnectionSet Allowed)> ranges) =>
        AddressPartition.Group(ranges.Where(r => !r.Allowed.IsEmpty))
            .Select(g => (new ExternalPeer(g.Addresses), g.Value))
            .OrderBy(p => p.Item1)
            .ToList();
}
