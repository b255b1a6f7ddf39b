namespace Palisade.Components.Connectivity;

/// <summary>
/// Numbers distinct sequences of integers in order of first appearance, so that equal sequences (the rules selecting a
/// class, the labels it shows to selectors) share one id without building string keys. Lookups take a span; an array
/// is stored only for a sequence not seen before.
/// </summary>
internal sealed class SequenceIds
{
    private readonly Dictionary<int[], int> ids = new(Comparer.Instance);
    private readonly Dictionary<int[], int>.AlternateLookup<ReadOnlySpan<int>> lookup;

    public SequenceIds()
    {
        lookup = ids.GetAlternateLookup<ReadOnlySpan<int>>();
    }

    public int Count => ids.Count;

    /// <summary>The id of the sequence; <paramref name="isNew"/> tells whether it was seen for the first time.</summary>
    public int IdOf(ReadOnlySpan<int> sequence, out bool isNew)
    {
        if (lookup.TryGetValue(sequence, out var id))
        {
            isNew = false;
            return id;
        }

        id = ids.Count;
        ids.Add(sequence.ToArray(), id);
        isNew = true;
        return id;
    }

    public int IdOf(ReadOnlySpan<int> sequence) => IdOf(sequence, out _);

    private sealed class Comparer : IEqualityComparer<int[]>, IAlternateEqualityComparer<ReadOnlySpan<int>, int[]>
    {
        public static Comparer Instance { get; } = new();

        public bool Equals(int[]? x, int[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] sequence) => GetHashCode((ReadOnlySpan<int>)sequence);

        public bool Equals(ReadOnlySpan<int> alternate, int[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<int> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(alternate));
            return hash.ToHashCode();
        }

        public int[] Create(ReadOnlySpan<int> alternate) => alternate.ToArray();
    }
}
