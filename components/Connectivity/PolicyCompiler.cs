using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>Validates policies and turns them into the forms both evaluators match against.</summary>
internal static class PolicyCompiler
{
    public static IReadOnlyList<CompiledPolicy> Compile(IReadOnlyList<NetworkPolicy> policies)
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
                Rules(policy.Ingress),
                Rules(policy.Egress)));
        }

        return result;

        IReadOnlyList<CompiledRule> Rules(IReadOnlyList<NetworkPolicyRule>? rules) =>
            (rules ?? []).Select(r => new CompiledRule(
                r.Peers is null || r.Peers.Count == 0,
                (r.Peers ?? []).Select(Peer).ToList(),
                CompiledPorts.Compile(nextPortsId++, r.Ports))).ToList();
    }

    public static void Validate(NetworkPolicy policy)
    {
        if (NetworkPolicyValidator.FindProblem(policy) is { } problem)
        {
            throw new InputError($"NetworkPolicy {policy.Namespace}/{policy.Name}: {problem.KeyPath}", problem.Problem, problem.Fix);
        }
    }

    private static CompiledPeer Peer(NetworkPolicyPeer peer) =>
        new(peer.PodSelector, peer.NamespaceSelector,
            peer.IpBlock is null ? null : new CompiledIpBlock(Cidr.Parse(peer.IpBlock.Cidr), peer.IpBlock.Except.Select(Cidr.Parse).ToList()));
}
