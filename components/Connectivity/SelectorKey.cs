using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>A canonical string for a label selector, so equal selectors share cached match results.</summary>
internal static class SelectorKey
{
    public static string Of(LabelSelector selector)
    {
        var labels = selector.MatchLabels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}\u0002{l.Value}");
        var expressions = selector.MatchExpressions
            .Select(e => $"{e.Key}\u0002{e.Operator}\u0002{string.Join("\u0003", e.Values.Order(StringComparer.Ordinal))}")
            .Order(StringComparer.Ordinal);
        return string.Join("\u0001", labels) + "\u0004" + string.Join("\u0001", expressions);
    }
}
