using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// Which workload classes a selector peer matches, cached by the peer's canonical form. A podSelector alone means the
/// policy's own namespace; a namespaceSelector alone every pod of the matching namespaces; both in one entry, the AND.
/// </summary>
internal sealed class PeerResolver(WorkloadClasses classes)
{
    private readonly Dictionary<string, int[]> peerCache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool[]> namespaceCache = new(StringComparer.Ordinal);

    public int[] Resolve(CompiledPeer peer, string policyNamespace)
    {
        var namespaceKey = peer.NamespaceSelector is null ? "@" + policyNamespace : SelectorKey.Of(peer.NamespaceSelector);
        var key = namespaceKey + "\u0006" + (peer.PodSelector is null ? "*" : SelectorKey.Of(peer.PodSelector));
        if (!peerCache.TryGetValue(key, out var result))
        {
            result = Compute(peer, policyNamespace, namespaceKey);
            peerCache[key] = result;
        }

        return result;
    }

    private int[] Compute(CompiledPeer peer, string policyNamespace, string namespaceKey)
    {
        var pods = peer.PodSelector ?? LabelSelector.Everything;
        if (peer.NamespaceSelector is null)
        {
            var own = classes.NamespaceClassOfPolicyNamespace(policyNamespace);
            return own < 0 ? [] : classes.ClassesIn(own).Where(c => pods.Matches(classes.Classes[c].Labels)).ToArray();
        }

        var namespaces = MatchingNamespaces(peer.NamespaceSelector, namespaceKey);
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

    private bool[] MatchingNamespaces(LabelSelector selector, string key)
    {
        if (!namespaceCache.TryGetValue(key, out var matches))
        {
            matches = new bool[classes.NamespaceClasses.Count];
            foreach (var n in classes.NamespaceIndex.Match(selector))
            {
                matches[n] = true;
            }

            namespaceCache[key] = matches;
        }

        return matches;
    }
}
