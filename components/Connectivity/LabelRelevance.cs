using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// The label keys and values a set of selectors looks at. Projecting labels onto them keeps exactly what the
/// selectors can tell apart: a value no selector names is as good as any other value of that key.
/// </summary>
internal sealed class LabelRelevance
{
    private readonly Dictionary<string, (int Key, Dictionary<string, int> Values)> keys = new(StringComparer.Ordinal);
    private SequenceIds? projections;

    public void Add(LabelSelector? selector)
    {
        if (selector is null)
        {
            return;
        }

        foreach (var (key, value) in selector.MatchLabels)
        {
            AddValue(Values(key), value);
        }

        foreach (var expression in selector.MatchExpressions)
        {
            var values = Values(expression.Key);
            foreach (var value in expression.Values)
            {
                AddValue(values, value);
            }
        }
    }

    /// <summary>
    /// Equal ids for labels the selectors cannot tell apart: per key they look at, absent, a value they name, or any
    /// other value. Keys no selector looks at do not count. Selectors are not added after the first projection.
    /// </summary>
    public int Project(IReadOnlyDictionary<string, string> labels)
    {
        projections ??= new SequenceIds();
        Span<int> projection = keys.Count <= 64 ? stackalloc int[keys.Count] : new int[keys.Count];
        projection.Clear();
        foreach (var (key, value) in labels)
        {
            if (keys.TryGetValue(key, out var relevant))
            {
                projection[relevant.Key] = relevant.Values.TryGetValue(value, out var named) ? named + 2 : 1;
            }
        }

        return projections.IdOf(projection);
    }

    private Dictionary<string, int> Values(string key)
    {
        if (projections is not null)
        {
            throw new InvalidOperationException("selectors are added before labels are projected");
        }

        if (!keys.TryGetValue(key, out var entry))
        {
            keys[key] = entry = (keys.Count, new Dictionary<string, int>(StringComparer.Ordinal));
        }

        return entry.Values;
    }

    private static void AddValue(Dictionary<string, int> values, string value) => values.TryAdd(value, values.Count);
}
