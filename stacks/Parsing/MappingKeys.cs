namespace Palisade.Stacks.Parsing;

/// <summary>
/// The keys a mapping holds so far, to refuse a duplicate. Most mappings hold a handful of keys: a list is searched
/// until a set pays for itself.
/// </summary>
internal struct MappingKeys
{
    private const int SetFrom = 16;

    private List<string>? few;
    private HashSet<string>? many;

    /// <summary>False when the mapping already holds the key.</summary>
    public bool Add(string key)
    {
        if (many is not null)
        {
            return many.Add(key);
        }

        few ??= [];
        foreach (var existing in few)
        {
            if (string.Equals(existing, key, StringComparison.Ordinal))
            {
                return false;
            }
        }

        few.Add(key);
        if (few.Count >= SetFrom)
        {
            many = new HashSet<string>(few, StringComparer.Ordinal);
            few = null;
        }

        return true;
    }
}
