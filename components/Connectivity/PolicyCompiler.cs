using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>Validates policies and turns them into the forms both evaluators match against.</summary>
internal static class PolicyCompiler
{
    /// <param name="profile">When its ipBlocks match pods, an ipBlock that holds every pod address also selects every pod.</param>
    /// <param name="assumptions">Where to say what was assumed about ipBlocks that hold only some pod addresses.</param>
    public static IReadOnlyList<CompiledPolicy> Compile(
        IReadOnlyList<NetworkPolicy> policies, EnforcementProfile? profile = null, List<string>? assumptions = null)
    {
        var nextPortsId = 0;
        var result = new List<CompiledPolicy>(policies.Count);
        for (var i = 0; i < policies.Count; i++)
        {
            var policy = policies[i];
            Validate(policy);
            result.Add(new CompiledPolicy(
                i,
                policy,
                policy.Governs(PolicyType.Ingress),
                policy.Governs(PolicyType.Egress),
                Rules(policy.Ingress, policy),
                Rules(policy.Egress, policy)));
        }

        return result;

        IReadOnlyList<CompiledRule> Rules(IReadOnlyList<NetworkPolicyRule>? rules, NetworkPolicy policy) =>
            (rules ?? []).Select(r => new CompiledRule(
                r.Peers is null || r.Peers.Count == 0,
                (r.Peers ?? []).Select(p => Peer(p, profile)).SelectMany(p => WithPods(p, policy)).ToList(),
                CompiledPorts.Compile(nextPortsId++, r.Ports))).ToList();

        IEnumerable<CompiledPeer> WithPods(CompiledPeer peer, NetworkPolicy policy)
        {
            yield return peer;
            if (peer.IpBlock is not { } block || profile is not { IpBlocksMatchPods: true })
            {
                yield break;
            }

            switch (profile.Covers(block.Cidr, block.Except))
            {
                case PodCoverage.All:
                    yield return EveryPod;
                    break;
                case PodCoverage.Partial:
                    assumptions?.Add($"NetworkPolicy {policy.Namespace}/{policy.Name}: ipBlock {Excerpt(block)} holds only part of the pod addresses; which pods have them is unknown, so it is treated as matching no pod");
                    break;
            }
        }
    }

    /// <summary>A selector peer for every pod of every namespace: what an ipBlock holding all pod addresses also matches.</summary>
    internal static CompiledPeer EveryPod { get; } = new(LabelSelector.Everything, LabelSelector.Everything, null);

    private static string Excerpt(CompiledIpBlock block) =>
        block.Except.Count == 0 ? block.Cidr.ToString() : $"{block.Cidr} except {string.Join(", ", block.Except)}";

    public static void Validate(NetworkPolicy policy)
    {
        if (NetworkPolicyValidator.FindProblem(policy) is { } problem)
        {
            throw new InputError($"NetworkPolicy {policy.Namespace}/{policy.Name}: {problem.KeyPath}", problem.Problem, problem.Fix);
        }
    }

    /// <summary>A peer; its ipBlock as the dataplane programs it (without the node ranges where ipBlocks skip nodes).</summary>
    private static CompiledPeer Peer(NetworkPolicyPeer peer, EnforcementProfile? profile)
    {
        if (peer.IpBlock is null)
        {
            return new(peer.PodSelector, peer.NamespaceSelector, null);
        }

        var cidr = Cidr.Parse(peer.IpBlock.Cidr);
        var except = peer.IpBlock.Except.Select(Cidr.Parse).ToList();
        return new(peer.PodSelector, peer.NamespaceSelector, new CompiledIpBlock(cidr, profile?.EffectiveExcept(cidr, except) ?? except));
    }
}
