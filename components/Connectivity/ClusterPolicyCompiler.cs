using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// Validates cluster policies and puts them in evaluation order. The API leaves equal priorities that match the same
/// traffic undefined; the analysis breaks ties by kind, then name (ordinal), so that the result is deterministic.
/// </summary>
internal static class ClusterPolicyCompiler
{
    public const int MaxPriority = 1000;

    /// <summary>Policies ordered Admin first, then Baseline, each tier by priority, kind and name.</summary>
    /// <param name="profile">Where pods have their addresses: a networks peer that holds all of them also selects every pod.</param>
    public static IReadOnlyList<CompiledClusterPolicy> Compile(
        IReadOnlyList<ClusterNetworkPolicy> policies, List<string> assumptions, EnforcementProfile? profile = null)
    {
        profile ??= EnforcementProfile.Upstream;
        var ordered = policies
            .OrderBy(p => p.Tier)
            .ThenBy(p => p.Priority)
            .ThenBy(p => p.Kind)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        var ruleId = 0;
        var portsId = 1 << 24; // apart from the NetworkPolicy rules' port ids, which share the resolver cache
        var result = new List<CompiledClusterPolicy>(ordered.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var policy in ordered)
        {
            Validate(policy);
            if (!seen.Add(policy.Id))
            {
                throw new InputError(policy.Id, "the policy is defined twice", "Keep one definition of it");
            }

            result.Add(new CompiledClusterPolicy(result.Count, policy, Rules(policy, policy.Ingress, "ingress"), Rules(policy, policy.Egress, "egress")));
        }

        return result;

        IReadOnlyList<CompiledClusterRule> Rules(ClusterNetworkPolicy policy, IReadOnlyList<ClusterPolicyRule> rules, string direction) =>
            rules.Select((rule, i) =>
            {
                foreach (var peer in rule.Peers.Where(p => p.Unmodelled is not null))
                {
                    assumptions.Add($"{policy.Id}: {direction} rule {RuleLabel(rule, i)} has a {peer.Unmodelled} peer, which the analysis cannot model; it is treated as matching nothing");
                }

                var peers = rule.Peers.Where(p => p.Unmodelled is null).Select(Peer).ToList();
                peers.AddRange(PodsOfNetworks(policy, rule, i, direction, peers));
                return new CompiledClusterRule(ruleId++, policy.Tier, rule.Action, policy, i, rule, peers, CompiledPorts.Compile(portsId++, rule.Ports));
            }).ToList();

        // The API: "cluster-internal traffic will be checked against the rule as well" — a networks peer also matches
        // the pods whose addresses it holds.
        IEnumerable<CompiledClusterPeer> PodsOfNetworks(ClusterNetworkPolicy policy, ClusterPolicyRule rule, int i, string direction, List<CompiledClusterPeer> peers)
        {
            var coverage = peers.SelectMany(p => p.Networks).Select(n => profile.Covers(n.Cidr, [])).DefaultIfEmpty(PodCoverage.None).Max();
            if (coverage == PodCoverage.All)
            {
                yield return new CompiledClusterPeer(new ClusterPodSelection(LabelSelector.Everything), []);
            }
            else if (coverage == PodCoverage.Partial)
            {
                assumptions.Add($"{policy.Id}: {direction} rule {RuleLabel(rule, i)} names networks that hold only part of the pod addresses; which pods have them is unknown, so they are treated as matching no pod");
            }
        }
    }

    /// <summary>"'name' (#i)" or "#i" when the rule has no name.</summary>
    public static string RuleLabel(ClusterPolicyRule rule, int index) =>
        string.IsNullOrEmpty(rule.Name) ? $"#{index}" : $"'{rule.Name}' (#{index})";

    private static CompiledClusterPeer Peer(ClusterPeer peer) =>
        new(peer.Pods, (peer.Networks ?? []).Select(n => new CompiledIpBlock(Cidr.Parse(n), [])).ToList());

    private static void Validate(ClusterNetworkPolicy policy)
    {
        if (policy.Priority is < 0 or > MaxPriority)
        {
            throw new InputError($"{policy.Id}: spec.priority", $"priority {policy.Priority} is outside 0-{MaxPriority}", "Use a priority from 0 (first) to 1000");
        }

        foreach (var (rules, direction) in new[] { (policy.Ingress, "ingress"), (policy.Egress, "egress") })
        {
            for (var i = 0; i < rules.Count; i++)
            {
                var rule = rules[i];
                var where = $"{policy.Id}: spec.{direction}[{i}]";
                foreach (var peer in rule.Peers)
                {
                    if (direction == "ingress" && peer.Networks is not null)
                    {
                        throw new InputError(where, "an ingress rule cannot match networks", "Match sources with namespaces or pods");
                    }

                    foreach (var network in peer.Networks ?? [])
                    {
                        if (!Cidr.TryParse(network, out _, out var problem))
                        {
                            throw new InputError($"{where}.networks", problem, "Write a CIDR such as 10.0.0.0/8");
                        }
                    }
                }

                foreach (var port in rule.Ports ?? [])
                {
                    var (first, last) = port switch
                    {
                        ClusterPort.Number n => (n.Port, n.Port),
                        ClusterPort.Range r => (r.Start, r.End),
                        _ => (PortSet.MinPort, PortSet.MinPort),
                    };
                    if (first < PortSet.MinPort || last > PortSet.MaxPort || first > last)
                    {
                        throw new InputError($"{where}.ports", $"port {first}-{last} is not a range within 1-65535", "Use ports from 1 to 65535 with start <= end");
                    }
                }
            }
        }
    }
}
