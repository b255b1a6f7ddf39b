using System.Collections;
using System.Collections.Immutable;

namespace Palisade.Components.Graph;

/// <summary>
/// Builds a <see cref="MapValue"/> with collection-initializer syntax. Null values are skipped, so optional
/// properties can be written inline: <c>new MapBuilder { { "name", name }, { "labels", maybeLabels } }</c>.
/// </summary>
public sealed class MapBuilder : IEnumerable<KeyValuePair<string, Value>>
{
    private readonly ImmutableSortedDictionary<string, Value>.Builder _entries =
        ImmutableSortedDictionary.CreateBuilder<string, Value>(StringComparer.Ordinal);

    public void Add(string key, Value? value)
    {
        if (value is null)
        {
            return;
        }

        if (!_entries.TryAdd(key, value))
        {
            throw new InvalidOperationException($"Duplicate property key '{key}'.");
        }
    }

    public MapValue Build() => new(_entries.ToImmutable());

    public static implicit operator MapValue(MapBuilder builder) => builder.Build();

    public IEnumerator<KeyValuePair<string, Value>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
