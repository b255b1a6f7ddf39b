namespace Palisade.Components.Graph;

/// <summary>Labels and tags a user may add: emitted only when there are any, so an unset escape hatch changes nothing.</summary>
public static class OptionalMap
{
    public static MapValue? Of(IReadOnlyDictionary<string, string> entries) =>
        entries.Count == 0 ? null : MapValue.OfStrings(entries);

    /// <summary>Both maps, the second's values winning on equal keys; null when both are empty.</summary>
    public static MapValue? Merge(IReadOnlyDictionary<string, string> first, IReadOnlyDictionary<string, string> second)
    {
        var merged = new SortedDictionary<string, string>(first.ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, value) in second)
        {
            merged[key] = value;
        }

        return Of(merged);
    }
}
