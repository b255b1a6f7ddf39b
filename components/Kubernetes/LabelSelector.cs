namespace Palisade.Components.Kubernetes;

public enum SelectorOperator
{
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

public sealed record LabelSelectorRequirement(string Key, SelectorOperator Operator, IReadOnlyList<string> Values)
{
    public bool Equals(LabelSelectorRequirement? other) =>
        other is not null && Key == other.Key && Operator == other.Operator && Values.SequenceEqual(other.Values);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Key);
        hash.Add(Operator);
        for (var i = 0; i < Values.Count; i++)
        {
            hash.Add(Values[i]);
        }

        return hash.ToHashCode();
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => Operator switch
    {
        SelectorOperator.In => labels.TryGetValue(Key, out var v) && Values.Contains(v),
        SelectorOperator.NotIn => !labels.TryGetValue(Key, out var v) || !Values.Contains(v),
        SelectorOperator.Exists => labels.ContainsKey(Key),
        SelectorOperator.DoesNotExist => !labels.ContainsKey(Key),
        _ => false,
    };
}

/// <summary>
/// A metav1.LabelSelector. Both matchLabels and matchExpressions must match; an empty selector matches everything.
/// </summary>
public sealed record LabelSelector(
    IReadOnlyDictionary<string, string> MatchLabels,
    IReadOnlyList<LabelSelectorRequirement> MatchExpressions)
{
    public static LabelSelector Everything { get; } =
        new(new SortedDictionary<string, string>(StringComparer.Ordinal), []);

    public static LabelSelector WithLabels(params (string Key, string Value)[] labels) =>
        new(Labels.Of(labels), []);

    public static LabelSelector WithLabels(IReadOnlyDictionary<string, string> labels) =>
        new(new SortedDictionary<string, string>(labels.ToDictionary(), StringComparer.Ordinal), []);

    public bool IsEmpty => MatchLabels.Count == 0 && MatchExpressions.Count == 0;

    /// <summary>Selectors are equal when they select by the same labels and expressions (value equality).</summary>
    public bool Equals(LabelSelector? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || MatchLabels.Count != other.MatchLabels.Count || MatchExpressions.Count != other.MatchExpressions.Count)
        {
            return false;
        }

        foreach (var (key, value) in Required())
        {
            if (!other.MatchLabels.TryGetValue(key, out var otherValue) || otherValue != value)
            {
                return false;
            }
        }

        return MatchExpressions.SequenceEqual(other.MatchExpressions);
    }

    public override int GetHashCode()
    {
        var hash = MatchExpressions.Count;
        foreach (var (key, value) in Required())
        {
            hash ^= HashCode.Combine(key, value);
        }

        for (var i = 0; i < MatchExpressions.Count; i++)
        {
            hash = HashCode.Combine(hash, MatchExpressions[i]);
        }

        return hash;
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in Required())
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        for (var i = 0; i < MatchExpressions.Count; i++)
        {
            if (!MatchExpressions[i].Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    // Selectors are matched against every workload class: enumerating a sorted dictionary through its interface
    // allocates each time, so the labels are kept as an array, tied to the dictionary they were read from (a copy made
    // with `with` and other labels reads its own).
    private Tuple<IReadOnlyDictionary<string, string>, KeyValuePair<string, string>[]>? required;

    private KeyValuePair<string, string>[] Required()
    {
        var cached = required;
        if (cached is null || !ReferenceEquals(cached.Item1, MatchLabels))
        {
            required = cached = Tuple.Create(MatchLabels, MatchLabels.Count == 0 ? [] : MatchLabels.ToArray());
        }

        return cached.Item2;
    }
}

internal static class Labels
{
    public static SortedDictionary<string, string> Of(params (string Key, string Value)[] labels)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels)
        {
            map[key] = value;
        }

        return map;
    }
}
