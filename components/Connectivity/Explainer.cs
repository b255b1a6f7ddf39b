using System.Net;
using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// Answers "why can A reach B?" for one pair, pod by pod as the oracle does: the connection space is cut where any
/// applying rule's ports change, and each piece is walked through the tiers (Admin by priority, NetworkPolicy,
/// Baseline, default), remembering the rule that decided. Workloads are named "namespace/name" (or with [Kind]),
/// addresses as an IP.
/// </summary>
internal static class Explainer
{
    private static readonly Protocol[] Protocols = [Protocol.TCP, Protocol.UDP, Protocol.SCTP];

    /// <exception cref="InputError">An endpoint names no workload, or names none of the two as a workload.</exception>
    public static Explanation Explain(ClusterModel cluster, string from, string to, EnforcementProfile? profile = null) =>
        For(cluster, profile).Explain(from, to);

    /// <summary>An explainer for many pairs of one cluster: policies are validated and indexed once.</summary>
    /// <exception cref="InputError">A policy is invalid.</exception>
    public static PairExplainer For(ClusterModel cluster, EnforcementProfile? profile = null)
    {
        profile ??= EnforcementProfile.Upstream;
        foreach (var policy in cluster.Policies)
        {
            PolicyCompiler.Validate(policy);
        }

        ClusterPolicyCompiler.Compile(cluster.EffectiveClusterPolicies, [], profile);
        return new PairExplainer(cluster, profile);
    }

    /// <summary>Explains pairs of one cluster under one profile.</summary>
    public sealed class PairExplainer
    {
        private readonly ClusterModel cluster;
        private readonly Lazy<Context> context;

        /// <summary>For a cluster whose policies are valid (the analyzer has compiled them); indexed on first use.</summary>
        internal PairExplainer(ClusterModel cluster, EnforcementProfile profile)
        {
            this.cluster = cluster;
            context = new Lazy<Context>(() => new Context(cluster, ClusterNamespaces.EffectiveLabels(cluster), profile));
        }

        /// <exception cref="InputError">An endpoint names no workload, or names none of the two as a workload.</exception>
        public Explanation Explain(string from, string to)
        {
            var source = Endpoint(cluster, from, "--from");
            var destination = Endpoint(cluster, to, "--to");
            if (source.Workload is null && destination.Workload is null)
            {
                throw new InputError("--from/--to", "both ends are addresses, and policies only speak about traffic of pods", "Name a workload (namespace/name) at one end at least");
            }

            return new Explanation(
                source.Workload?.Id ?? from,
                destination.Workload?.Id ?? to,
                source.Workload is { } s ? context.Value.Direction(PolicyType.Egress, s, destination) : null,
                destination.Workload is { } d ? context.Value.Direction(PolicyType.Ingress, d, source) : null);
        }
    }

    private static (Workload? Workload, IPAddress? Address) Endpoint(ClusterModel cluster, string text, string option)
    {
        if (IPAddress.TryParse(text, out var address))
        {
            return (null, address);
        }

        var matches = cluster.Workloads.Where(w => w.Id == text || $"{w.Namespace}/{w.Name}" == text).ToList();
        return matches.Count switch
        {
            1 => (matches[0], null),
            0 => throw new InputError(option, $"no workload is named '{text}'", "Name a workload as namespace/name (e.g. shop/web) or give an IP address"),
            _ => throw new InputError(option, $"'{text}' names {matches.Count} workloads ({string.Join(", ", matches.Select(m => m.Id))})", "Add the kind, e.g. shop/web[Deployment]"),
        };
    }

    private sealed class Context(ClusterModel cluster, IReadOnlyDictionary<string, Dictionary<string, string>> namespaceLabels, EnforcementProfile profile)
    {
        private readonly List<ClusterNetworkPolicy> ordered = cluster.EffectiveClusterPolicies
            .OrderBy(p => p.Tier).ThenBy(p => p.Priority).ThenBy(p => p.Kind).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();

        public DirectionExplanation Direction(PolicyType direction, Workload subject, (Workload? Workload, IPAddress? Address) other)
        {
            var ingress = direction == PolicyType.Ingress;
            var destination = ingress ? subject : other.Workload;
            var selecting = cluster.Policies
                .Where(p => p.Namespace == subject.Namespace && p.Governs(direction) && p.PodSelector.Matches(subject.Labels))
                .OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            var applying = ordered.Where(p => p.Subject.Matches(namespaceLabels[subject.Namespace], subject.Labels) &&
                                              (ingress ? p.Ingress : p.Egress).Count > 0).ToList();

            var clusterRules = applying
                .SelectMany(p => (ingress ? p.Ingress : p.Egress).Select((rule, i) => (Policy: p, Rule: rule, Index: i)))
                .Where(r => r.Rule.Peers.Any(peer => peer.Unmodelled is null && Matches(peer, other)))
                .Select(r => (r.Policy.Tier, r.Rule.Action, Ports: PairwiseClusterPolicies.Ports(r.Rule.Ports, other.Workload is null && !ingress ? null : destination),
                    By: new DecidingRule(r.Policy.Kind.ToString(), r.Policy.Name, $"{(ingress ? "ingress" : "egress")} rule {ClusterPolicyCompiler.RuleLabel(r.Rule, r.Index)}", r.Policy.Tier.ToString())))
                .ToList();
            var npRules = selecting
                .SelectMany(p => ((ingress ? p.Ingress : p.Egress) ?? []).Select((rule, i) => (Policy: p, Rule: rule, Index: i)))
                .Where(r => r.Rule.Peers is null || r.Rule.Peers.Count == 0 || r.Rule.Peers.Any(peer => Matches(peer, r.Policy.Namespace, other)))
                .Select(r => (Ports: PairwiseEvaluator.Ports(r.Rule.Ports, other.Workload is null && !ingress ? null : destination),
                    By: new DecidingRule("NetworkPolicy", $"{r.Policy.Namespace}/{r.Policy.Name}", $"{(ingress ? "ingress" : "egress")}[{r.Index}]", "NetworkPolicy")))
                .ToList();

            var pieces = new List<VerdictPiece>();
            var sets = clusterRules.Select(r => r.Ports).Concat(npRules.Select(r => r.Ports)).ToList();
            foreach (var protocol in Protocols)
            {
                var cuts = new SortedSet<int> { PortSet.MinPort, PortSet.MaxPort + 1 };
                foreach (var range in sets.SelectMany(s => s.Ports(protocol).Ranges))
                {
                    cuts.Add(range.First);
                    cuts.Add(range.Last + 1);
                }

                var points = cuts.ToArray();
                for (var i = 0; i + 1 < points.Length; i++)
                {
                    var probe = points[i];
                    Add(pieces, ConnectionSet.For(protocol, probe, points[i + 1] - 1), Decide(set => set.Allows(protocol, probe)));
                }
            }

            Add(pieces, ConnectionSet.OtherProtocolsOnly, Decide(set => set.AllowsOtherProtocols));
            return new DirectionExplanation(direction, subject.Id, selecting.Select(p => $"{p.Namespace}/{p.Name}").ToList(),
                applying.Select(p => p.Id).ToList(), pieces);

            (bool Allowed, DecidingRule? By, string Reason) Decide(Func<ConnectionSet, bool> holds)
            {
                string? passedBy = null;
                foreach (var rule in clusterRules.Where(r => r.Tier == PolicyTier.Admin && holds(r.Ports)))
                {
                    if (rule.Action == PolicyAction.Pass)
                    {
                        passedBy = $"passed on by {rule.By}; ";
                        break;
                    }

                    return (rule.Action == PolicyAction.Accept, rule.By, rule.Action == PolicyAction.Accept ? "accepted by the Admin tier" : "denied by the Admin tier");
                }

                if (selecting.Count > 0)
                {
                    var allowing = npRules.FirstOrDefault(r => holds(r.Ports));
                    return allowing.By is { } by
                        ? (true, by, passedBy + "allowed by a NetworkPolicy that selects the pod")
                        : (false, null, passedBy + $"the pod is selected by {string.Join(", ", selecting.Select(p => $"{p.Namespace}/{p.Name}"))} for {direction.ToString().ToLowerInvariant()} and no rule allows it");
                }

                foreach (var rule in clusterRules.Where(r => r.Tier == PolicyTier.Baseline && holds(r.Ports)))
                {
                    return rule.Action == PolicyAction.Deny
                        ? (false, rule.By, passedBy + "no NetworkPolicy selects the pod; denied by the Baseline tier")
                        : (true, rule.By, passedBy + (rule.Action == PolicyAction.Pass ? "no NetworkPolicy selects the pod; the Baseline tier passes to the default allow" : "no NetworkPolicy selects the pod; accepted by the Baseline tier"));
                }

                return (true, null, passedBy + "no NetworkPolicy selects the pod and no Baseline rule matches: allowed by default");
            }
        }

        private static void Add(List<VerdictPiece> pieces, ConnectionSet connections, (bool Allowed, DecidingRule? By, string Reason) verdict)
        {
            var index = pieces.FindIndex(p => p.Allowed == verdict.Allowed && p.DecidedBy == verdict.By && p.Reason == verdict.Reason);
            if (index >= 0)
            {
                pieces[index] = pieces[index] with { Connections = pieces[index].Connections.Union(connections) };
            }
            else
            {
                pieces.Add(new VerdictPiece(connections, verdict.Allowed, verdict.By, verdict.Reason));
            }
        }

        private bool Matches(ClusterPeer peer, (Workload? Workload, IPAddress? Address) other) =>
            other.Workload is { } pod
                ? PairwiseEvaluator.MatchesPod(peer, pod, namespaceLabels, profile)
                : (peer.Networks ?? []).Any(n => Cidr.Parse(n).Contains(other.Address!));

        private bool Matches(NetworkPolicyPeer peer, string policyNamespace, (Workload? Workload, IPAddress? Address) other) =>
            other.Workload is { } pod
                ? PairwiseEvaluator.Selects(peer, policyNamespace, pod, namespaceLabels, profile)
                : peer.IpBlock is { } block && Cidr.Parse(block.Cidr).Contains(other.Address!) && !block.Except.Any(e => Cidr.Parse(e).Contains(other.Address!));
    }
}
