using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// The same semantics as <see cref="ConnectivityAnalyzer"/>, evaluated the plain way: every ordered pair of workloads
/// and every (workload, address block), rule by rule, with no grouping. Slow by design; it is the oracle the grouped
/// engine is tested against.
/// </summary>
public static class PairwiseEvaluator
{
    public static ConnectivityResult Evaluate(ClusterModel cluster, EnforcementProfile? profile = null)
    {
        profile ??= EnforcementProfile.Upstream;
        foreach (var policy in cluster.Policies)
        {
            PolicyCompiler.Validate(policy);
        }

        var workloads = ClusterNamespaces.SortedWorkloads(cluster);
        var namespaceLabels = ClusterNamespaces.EffectiveLabels(cluster);
        var tiers = new PairwiseClusterPolicies(cluster.EffectiveClusterPolicies);
        var space = new AddressSpace(ConnectivityAnalyzer.IpBlocks(PolicyCompiler.Compile(cluster.Policies))
            .Concat(ConnectivityAnalyzer.Networks(ClusterPolicyCompiler.Compile(cluster.EffectiveClusterPolicies, []))), profile.NamedRanges);
        var byNamespace = cluster.Policies.ToLookup(p => p.Namespace, StringComparer.Ordinal);
        var ingressPolicies = workloads.Select(w => Selecting(byNamespace[w.Namespace], w, PolicyType.Ingress)).ToArray();
        var egressPolicies = workloads.Select(w => Selecting(byNamespace[w.Namespace], w, PolicyType.Egress)).ToArray();
        var peers = workloads.Select(w => new WorkloadPeer(w)).ToArray();

        var connections = new List<Connection>();
        for (var a = 0; a < workloads.Count; a++)
        {
            for (var b = 0; b < workloads.Count; b++)
            {
                if (a == b)
                {
                    continue;
                }

                var sent = Allowed(egressPolicies[a], PolicyType.Egress, workloads[b], workloads[b], namespaceLabels, profile);
                var accepted = Allowed(ingressPolicies[b], PolicyType.Ingress, workloads[a], workloads[b], namespaceLabels, profile);
                if (!tiers.IsEmpty)
                {
                    var (source, destination) = (workloads[a], workloads[b]);
                    sent = tiers.Decide(PolicyType.Egress, namespaceLabels[source.Namespace], source,
                        peer => MatchesPod(peer, destination, namespaceLabels, profile), destination, egressPolicies[a] is null ? null : sent);
                    accepted = tiers.Decide(PolicyType.Ingress, namespaceLabels[destination.Namespace], destination,
                        peer => MatchesPod(peer, source, namespaceLabels, profile), destination, ingressPolicies[b] is null ? null : accepted);
                }

                var allowed = sent.Intersect(accepted);
                if (!allowed.IsEmpty)
                {
                    connections.Add(new Connection(peers[a], peers[b], allowed));
                }
            }

            var toBlocks = space.Blocks.Select(block => (block, tiers.IsEmpty
                ? AllowedExternal(egressPolicies[a], PolicyType.Egress, block, destination: null, profile)
                : tiers.Decide(PolicyType.Egress, namespaceLabels[workloads[a].Namespace], workloads[a],
                    peer => (peer.Networks ?? []).Any(n => Cidr.Parse(n).Contains(block.FirstAddress)), destination: null,
                    egressPolicies[a] is null ? null : AllowedExternal(egressPolicies[a], PolicyType.Egress, block, destination: null, profile))));
            foreach (var (peer, allowed) in ExternalGrouping.Group(toBlocks, space.NameOf))
            {
                connections.Add(new Connection(peers[a], peer, allowed));
            }

            var fromBlocks = space.Blocks.Select(block => (block, AllowedExternal(ingressPolicies[a], PolicyType.Ingress, block, destination: workloads[a], profile)));
            foreach (var (peer, allowed) in ExternalGrouping.Group(fromBlocks, space.NameOf))
            {
                connections.Add(new Connection(peer, peers[a], allowed));
            }
        }

        return new ConnectivityResult(workloads, connections, space.Families);
    }

    /// <summary>A pods/namespaces peer by labels; a networks peer when it holds every pod address (which pod has which is unknown).</summary>
    internal static bool MatchesPod(ClusterPeer peer, Workload workload, IReadOnlyDictionary<string, Dictionary<string, string>> namespaceLabels, EnforcementProfile profile) =>
        peer.Pods is { } pods
            ? pods.Matches(namespaceLabels[workload.Namespace], workload.Labels)
            : (peer.Networks ?? []).Any(n => profile.Covers(Cidr.Parse(n), []) == PodCoverage.All);

    /// <summary>The policies of the workload's namespace that select it and govern the direction; null when none (not isolated).</summary>
    private static List<NetworkPolicy>? Selecting(IEnumerable<NetworkPolicy> namespacePolicies, Workload workload, PolicyType direction)
    {
        var selecting = namespacePolicies.Where(p => p.Governs(direction) && p.PodSelector.Matches(workload.Labels)).ToList();
        return selecting.Count == 0 ? null : selecting;
    }

    private static ConnectionSet Allowed(
        List<NetworkPolicy>? policies,
        PolicyType direction,
        Workload peer,
        Workload destination,
        IReadOnlyDictionary<string, Dictionary<string, string>> namespaceLabels,
        EnforcementProfile profile)
    {
        if (policies is null)
        {
            return ConnectionSet.All;
        }

        var allowed = ConnectionSet.None;
        foreach (var policy in policies)
        {
            foreach (var rule in (direction == PolicyType.Ingress ? policy.Ingress : policy.Egress) ?? [])
            {
                if (rule.Peers is null || rule.Peers.Count == 0 || rule.Peers.Any(p => Selects(p, policy.Namespace, peer, namespaceLabels, profile)))
                {
                    allowed = allowed.Union(Ports(rule.Ports, destination));
                }
            }
        }

        return allowed;
    }

    /// <summary>
    /// Traffic between a workload and an address block. Named ports resolve on the destination: the selected pod for
    /// ingress from the block; nothing for egress to the block, where a named port never matches.
    /// </summary>
    private static ConnectionSet AllowedExternal(List<NetworkPolicy>? policies, PolicyType direction, AddressRange block, Workload? destination, EnforcementProfile profile)
    {
        if (policies is null)
        {
            return ConnectionSet.All;
        }

        var address = block.FirstAddress;
        var allowed = ConnectionSet.None;
        foreach (var policy in policies)
        {
            foreach (var rule in (direction == PolicyType.Ingress ? policy.Ingress : policy.Egress) ?? [])
            {
                if (rule.Peers is null || rule.Peers.Count == 0 ||
                    rule.Peers.Any(p => p.IpBlock is { } ip && Cidr.Parse(ip.Cidr).Contains(address) &&
                                        !ip.Except.Any(e => Cidr.Parse(e).Contains(address)) && profile.IpBlockReaches(address)))
                {
                    allowed = allowed.Union(Ports(rule.Ports, destination));
                }
            }
        }

        return allowed;
    }

    /// <summary>Selectors by labels; an ipBlock only where the dataplane matches pods by address and it holds them all.</summary>
    internal static bool Selects(NetworkPolicyPeer peer, string policyNamespace, Workload workload,
        IReadOnlyDictionary<string, Dictionary<string, string>> namespaceLabels, EnforcementProfile profile)
    {
        if (peer.IpBlock is { } block)
        {
            return profile.IpBlocksMatchPods &&
                   profile.Covers(Cidr.Parse(block.Cidr), block.Except.Select(Cidr.Parse).ToList()) == PodCoverage.All;
        }

        var namespaceMatches = peer.NamespaceSelector is null
            ? workload.Namespace == policyNamespace
            : peer.NamespaceSelector.Matches(namespaceLabels[workload.Namespace]);
        return namespaceMatches && (peer.PodSelector?.Matches(workload.Labels) ?? true);
    }

    /// <summary>A rule's ports toward a destination; named ports resolve on its container ports and never on an address.</summary>
    internal static ConnectionSet Ports(IReadOnlyList<NetworkPolicyPort>? ports, Workload? destination)
    {
        if (ports is null || ports.Count == 0)
        {
            return ConnectionSet.All;
        }

        var allowed = ConnectionSet.None;
        foreach (var port in ports)
        {
            var protocol = port.EffectiveProtocol;
            if (port.Port is null)
            {
                allowed = allowed.Union(ConnectionSet.For(protocol, PortSet.All));
            }
            else if (port.Port.Value.Name is { } name)
            {
                foreach (var containerPort in destination?.Ports ?? [])
                {
                    if (containerPort.Name == name && containerPort.Protocol == protocol &&
                        containerPort.Port is >= PortSet.MinPort and <= PortSet.MaxPort)
                    {
                        allowed = allowed.Union(ConnectionSet.For(protocol, containerPort.Port, containerPort.Port));
                    }
                }
            }
            else
            {
                var first = port.Port.Value.Number!.Value;
                allowed = allowed.Union(ConnectionSet.For(protocol, first, port.EndPort ?? first));
            }
        }

        return allowed;
    }
}
