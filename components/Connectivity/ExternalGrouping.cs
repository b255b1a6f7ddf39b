namespace Palisade.Components.Connectivity;

/// <summary>
/// Turns per-range connections of one workload into external peers (<see cref="AddressPartition.Group{T}"/>: adjacent
/// ranges with equal connections merge, all ranges of one family with equal connections form one peer). The result is
/// the same for any finer input partition, so both evaluators agree byte for byte.
/// </summary>
internal static class ExternalGrouping
{
    /// <param name="nameOf">The name of the named range a range lies in (null outside them): named ranges are never merged with others.</param>
    public static IReadOnlyList<(ExternalPeer Peer, ConnectionSet Allowed)> Group(
        IEnumerable<(AddressRange Range, ConnectionSet Allowed)> ranges, Func<AddressRange, string?>? nameOf = null)
    {
        nameOf ??= _ => null;
        return AddressPartition.Group(ranges.Where(r => !r.Allowed.IsEmpty).Select(r => (r.Range, (Allowed: r.Allowed, Label: nameOf(r.Range)))))
            .Select(g => (new ExternalPeer(g.Addresses, g.Value.Label), g.Value.Allowed))
            .OrderBy(p => p.Item1)
            .ToList();
    }
}
