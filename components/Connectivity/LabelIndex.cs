using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// Items (namespaces or workload classes) indexed by label key and value, so a selector with an equality or In
/// requirement only tests the items that carry one of its values instead of all of them.
/// </summary>
internal sealed class LabelIndex
{
    private readonly IReadOnlyList<IReadOnlyDictionary<string, string>> items;
    private readonly Dictionary<string, Dictionary<string, List<int>>> byKeyValue = new(StringComparer.Ordinal);

    public LabelIndex(IReadOnlyList<IReadOnlyDictionary<string, string>> items)
    {
        this.items = items;
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var (key, value) in items[i])
            {
                if (!byKeyValue.TryGetValue(key, out var values))
                {
                    byKeyValue[key] = values = new Dictionary<string, List<int>>(StringComparer.Ordinal);
                }

                if (!values.TryGetValue(value, out var list))
                {
                    values[value] = list = [];
                }

                list.Add(i);
            }
        }
    }

    public int Count => items.Count;

    /// <summary>A sorted superset of the matching items, or null when the selector has nothing to index on.</summary>
    public IReadOnlyList<int>? Candidates(LabelSelector selector)
    {
        IReadOnlyList<int>? best = null;
        foreach (var (key, value) in selector.MatchLabels)
        {
            var list = Lookup(key, value);
            if (best is null || list.Count < best.Count)
            {
                best = list;
            }
        }

        foreach (var expression in selector.MatchExpressions.Where(e => e.Operator == SelectorOperator.In))
        {
            var lists = expression.Values.Distinct(StringComparer.Ordinal).Select(v => Lookup(expression.Key, v)).ToList();
            var total = lists.Sum(l => l.Count);
            if (best is null || total < best.Count)
            {
                best = lists.Count == 1 ? lists[0] : lists.SelectMany(l => l).Order().ToList();
            }
        }

        return best;
    }

    /// <summary>The matching items in ascending order.</summary>
    public List<int> Match(LabelSelector selector)
    {
        var candidates = Candidates(selector);
        var result = new List<int>();
        if (candidates is null)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (selector.Matches(items[i]))
                {
                    result.Add(i);
                }
            }
        }
        else
        {
            foreach (var i in candidates)
            {
                if (selector.Matches(items[i]))
                {
                    result.Add(i);
                }
            }
        }

        return result;
    }

    private IReadOnlyList<int> Lookup(string key, string value) =>
        byKeyValue.TryGetValue(key, out var values) && values.TryGetValue(value, out var list) ? list : [];
}
