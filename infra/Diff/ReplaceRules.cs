using YamlDotNet.RepresentationModel;

namespace Palisade.Infra.Diff;

/// <summary>
/// When a changed resource is replaced rather than updated in place (the list is kept small and explicit; the real
/// `pulumi preview --diff` has the final word): its type changes; a Kubernetes object's <c>metadata.name</c> or
/// <c>metadata.namespace</c> changes (the object's identity); <c>options.provider</c> or <c>options.parent</c> changes
/// (a new provider instance, or a new URN); or a property in <see cref="ReplaceProperties"/> changes for that type.
/// </summary>
internal static class ReplaceRules
{
    /// <summary>Type-specific properties whose change forces a replacement (rule 4).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ReplaceProperties { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["aws:eks/cluster:Cluster"] = ["properties.name"],
            ["aws:iam/role:Role"] = ["properties.name"],
            ["aws:eks/nodeGroup:NodeGroup"] = ["properties.clusterName", "properties.nodeGroupName"],
            ["gcp:container/cluster:Cluster"] = ["properties.name", "properties.location"],
            ["gcp:container/nodePool:NodePool"] = ["properties.cluster", "properties.name", "properties.location"],
        };

    public static IReadOnlyList<string> Reasons(YamlNode old, YamlNode @new, string oldType, string newType)
    {
        var reasons = new List<string>();
        if (oldType != newType)
        {
            reasons.Add("type");
        }

        var kubernetes = newType.StartsWith("kubernetes:", StringComparison.Ordinal);
        var rules = (kubernetes ? new[] { "properties.metadata.name", "properties.metadata.namespace" } : [])
            .Concat(["options.provider", "options.parent"])
            .Concat(ReplaceProperties.GetValueOrDefault(newType) ?? []);
        foreach (var rule in rules)
        {
            var before = At(old, rule);
            var after = At(@new, rule);
            if ((before is null) != (after is null) || (before is not null && ResourceDiff.Canonical(before) != ResourceDiff.Canonical(after!)))
            {
                reasons.Add(rule);
            }
        }

        return reasons;
    }

    /// <summary>The node at a dotted path of mapping keys, or null.</summary>
    private static YamlNode? At(YamlNode node, string path)
    {
        foreach (var key in path.Split('.'))
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }
}
