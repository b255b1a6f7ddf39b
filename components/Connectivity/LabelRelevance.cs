using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// The label keys and values a set of selectors looks at. Projecting labels onto them keeps exactly what the
/// selectors can tell apart: a value no selector names is as good as any other value of that key.
/// </summary>
internal sealed class LabelRelevance
{
    private readonly Dictionary<string, HashSet<string>> valuesByKey = new(StringComparer.Ordinal);

    public void Add(LabelSelector? selector)
    {
        if (selector is null)
        {
            return;
        }

        foreach (var (key, value) in selector.MatchLabels)
        {
            Values(key).Add(value);
        }

        foreach (var expression in selector.MatchExpressions)
        {
            var values = Values(expression.Key);
            foreach (var value in expression.Values)
            {
                values.Add(value);
            }
        }
    }

    /// <summary>"key=value" for named values, "key=*" for others, nothing for keys no selector looks at.</summary>
    public string Project(IReadOnlyDictionary<string, string> labels)
    {
        var parts = new List<string>();
        foreach (var (key, value) in labels)
        {
            if (valuesByKey.TryGetValue(key, out var values))
            {
                parts.Add(values.Contains(value) ? $"{key}\u0002{value}" : $"{key}\u0003");
            }
        }

        parts.Sort(StringComparer.Ordinal);
        return string.Join("\u0001", parts);
    }

    private HashSet<string> Values(string key)
    {
        if (!valuesByKey.TryGetValue(key, out var values))
        {
            valuesByKey[key] = values = new HashSet<string>(StringComparer.Ordinal);
        }

        return values;
    }
}
