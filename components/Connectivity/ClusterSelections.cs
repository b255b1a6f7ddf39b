using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// The workload classes a cluster policy's pod selection (subject or peer) matches, in ascending order: the namespace
/// selector goes through the namespace index, the pod selector is tested only in the matching namespaces. Cached per
/// selection, since one selection usually serves several rules.
/// </summary>
internal sealed class ClusterSelections(WorkloadClasses classes)
{
    private readonly Dictionary<ClusterPodSelection, int[]> cache = new(ReferenceEqualityComparer.Instance);

    public int[] Match(ClusterPodSelection selection)
    {
        if (!cache.TryGetValue(selection, out var result))
        {
            cache[selection] = result = Compute(selection);
        }

        return result;
    }

    private int[] Compute(ClusterPodSelection selection)
    {
        var pods = selection.PodSelector is { IsEmpty: false } selector ? selector : null;
        var result = new List<int>();
        foreach (var n in classes.NamespaceIndex.Match(selection.NamespaceSelector))
        {
            foreach (var c in classes.ClassesIn(n))
            {
                if (pods is null || pods.Matches(classes.Classes[c].Labels))
                {
                    result.Add(c);
                }
            }
        }

        result.Sort();
        return [.. result];
    }
}
