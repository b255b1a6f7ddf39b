using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;

namespace Palisade.Infra.Manifests;

/// <summary>Reads a metav1.LabelSelector (matchLabels and matchExpressions).</summary>
internal static class LabelSelectorReader
{
    public static LabelSelector Read(ManifestNode node)
    {
        node.RequireMapping();
        var labels = node.Get("matchLabels")?.Labels() ?? new SortedDictionary<string, string>(StringComparer.Ordinal);
        var expressions = new List<LabelSelectorRequirement>();
        foreach (var item in node.Get("matchExpressions")?.Items() ?? [])
        {
            var key = item.Get("key")?.Scalar() ?? throw item.Error("the expression has no key", "Add key: <label key>");
            var operatorNode = item.Get("operator") ?? throw item.Error("the expression has no operator", "Add operator: In, NotIn, Exists or DoesNotExist");
            var operatorText = operatorNode.Scalar();
            if (!Enum.GetNames<SelectorOperator>().Contains(operatorText) || !Enum.TryParse<SelectorOperator>(operatorText, out var op))
            {
                throw operatorNode.Error($"unknown operator {Excerpt.Quote(operatorText)}", "Use In, NotIn, Exists or DoesNotExist (case matters)");
            }

            if (KubernetesNames.LabelKeyProblem(key) is { } keyProblem)
            {
                throw item.Get("key")!.Error(keyProblem, "Use a label key as the API server requires: [prefix/]name, the name at most 63 letters, digits, '-', '_' and '.'");
            }

            var values = new List<string>();
            foreach (var valueNode in item.Get("values")?.Items() ?? [])
            {
                var value = valueNode.Scalar();
                if (op is SelectorOperator.In or SelectorOperator.NotIn && KubernetesNames.LabelValueProblem(key, value) is { } valueProblem)
                {
                    throw valueNode.Error(valueProblem, "Use a label value as the API server requires");
                }

                values.Add(value);
            }

            expressions.Add(new LabelSelectorRequirement(key, op, values));
        }

        return new LabelSelector(labels, expressions);
    }
}
