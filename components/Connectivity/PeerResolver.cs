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
    private readonly Dictionary<LabelSelector, bool[]> namespaceCache = new();

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

        var namespaces = MatchingNamespaces(peer.NamespaceSelector);
        var inMatchingNamespaces = 0;
        for (var n = 0; n < namespaces.Length; n++)
        {
            if (namespaces[n])
            {
                inMatchingNamespaces += classes.ClassesIn(n).Count;
            }
        }

        var candidates = pods.IsEmpty ? null : classes.PodIndex.Candidates(pods);
        var result = new List<int>();
        if (candidates is not null && candidates.Count < inMatchingNamespaces)
        {
            foreach (var c in candidates)
            {
                var workloadClass = classes.Classes[c];
                if (namespaces[workloadClass.NamespaceClass] && pods.Matches(workloadClass.Labels))
                {
                    result.Add(c);
                }
            }
        }
        else
        {
            for (var n = 0; n < namespaces.Length; n++)
            {
                if (!namespaces[n])
                {
                    continue;
                }

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

    private bool[] MatchingNamespaces(LabelSelector selector)
    {
        if (!namespaceCache.TryGetValue(selector, out var matches))
        {
            matches = new bool[classes.NamespaceClasses.Count];
            foreach (var n in classes.NamespaceIndex.Match(selector))
            {
                matches[n] = true;
            }

            namespaceCache[selector] = matches;
        }

        return matches;
    }
}
