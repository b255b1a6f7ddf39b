using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// Which workload classes a selector peer matches, cached by the peer's selectors (value equality). A podSelector alone
/// means the policy's own namespace; a namespaceSelector alone every pod of the matching namespaces; both in one entry,
/// the AND.
/// </summary>
internal sealed class PeerResolver(WorkloadClasses classes)
{
    private readonly Dictionary<(string? OwnNamespace, LabelSelector? Namespaces, LabelSelector? Pods), int[]> peerCache = new();
    private readonly Dictionary<LabelSelector, List<int>> namespaceCache = new();
    private int[]? marks;
    private int stamp;

    public int[] Resolve(CompiledPeer peer, string policyNamespace)
    {
        var key = (peer.NamespaceSelector is null ? policyNamespace : null, peer.NamespaceSelector, peer.PodSelector);
        if (!peerCache.TryGetValue(key, out var result))
        {
            result = Compute(peer, policyNamespace);
            peerCache[key] = result;
        }

        return result;
    }

    private int[] Compute(CompiledPeer peer, string policyNamespace)
    {
        var pods = peer.PodSelector ?? LabelSelector.Everything;
        if (peer.NamespaceSelector is null)
        {
            var own = classes.NamespaceClassOfPolicyNamespace(policyNamespace);
            return own < 0 ? [] : classes.ClassesIn(own).Where(c => pods.Matches(classes.Classes[c].Labels)).ToArray();
        }

        // The matching namespaces as a list (and marks for the candidates' test): a flag per namespace for every
        // distinct selector would grow with namespaces × selectors.
        var namespaces = MatchingNamespaces(peer.NamespaceSelector);
        var inMatchingNamespaces = 0;
        foreach (var n in namespaces)
        {
            inMatchingNamespaces += classes.ClassesIn(n).Count;
        }

        var candidates = pods.IsEmpty ? null : classes.PodIndex.Candidates(pods);
        var result = new List<int>();
        if (candidates is not null && candidates.Count < inMatchingNamespaces)
        {
            marks ??= new int[classes.NamespaceClasses.Count];
            stamp++;
            foreach (var n in namespaces)
            {
                marks[n] = stamp;
            }

            foreach (var c in candidates)
            {
                var workloadClass = classes.Classes[c];
                if (marks[workloadClass.NamespaceClass] == stamp && pods.Matches(workloadClass.Labels))
                {
                    result.Add(c);
                }
            }
        }
        else
        {
            foreach (var n in namespaces)
            {
                foreach (var c in classes.ClassesIn(n))
                {
                    if (pods.Matches(classes.Classes[c].Labels))
                    {
                        result.Add(c);
                    }
                }
            }

            result.Sort();
        }

        return [.. result];
    }

    /// <summary>The namespace classes the selector matches, in ascending order.</summary>
    private List<int> MatchingNamespaces(LabelSelector selector)
    {
        if (!namespaceCache.TryGetValue(selector, out var matches))
        {
            namespaceCache[selector] = matches = classes.NamespaceIndex.Match(selector);
        }

        return matches;
    }
}
