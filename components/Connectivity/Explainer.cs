using System.Net;
using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// Answers "why can A reach B?" for one pair, pod by pod as the oracle does: the connection space is cut where any
/// applying rule's ports change, and each piece is walked through the tiers (Admin by priority, NetworkPolicy,
/// Baseline, default), remembering the rule that decided. Workloads are named "namespace/name" (or with [Kind]),
/// addresses as an IP or a CIDR; a CIDR is cut where the address rules (and named ranges) cut the address space, and
/// each part is explained by one of its addresses, which stands for all of them.
/// </summary>
public static class Explainer
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

        /// <summary>The explanation of one pair; an address range must be one that every policy treats alike.</summary>
        /// <exception cref="InputError">An endpoint names no workload, none of the two is a workload, or a range holds parts treated differently.</exception>
        public Explanation Explain(string from, string to)
        {
            var segments = ExplainSegments(from, to);
            return segments.Count == 1
                ? segments[0].Explanation
                : throw new InputError("--from/--to", $"the range holds {segments.Count} parts that the policies treat differently", "Explain each part, or explain the range segment by segment");
        }

        /// <summary>
        /// The explanations of a pair. When one end is an address range, it is cut where any policy's address rule
        /// (or a named range) begins or ends, each part is explained, and parts with the same explanation are
        /// returned together, in address order of their first part; otherwise there is one segment.
        /// </summary>
        /// <exception cref="InputError">An endpoint names no workload, or names none of the two as a workload.</exception>
        public IReadOnlyList<ExplainedSegment> ExplainSegments(string from, string to)
        {
            var source = Endpoint(cluster, from, "--from");
            var destination = Endpoint(cluster, to, "--to");
            if (source.Workload is null && destination.Workload is null)
            {
                throw new InputError("--from/--to", "both ends are addresses, and policies only speak about traffic of pods", "Name a workload (namespace/name) at one end at least");
            }

            if ((source.Range ?? destination.Range) is not { } range)
            {
                return [new ExplainedSegment([], null, Pair(source.Workload, source.Address, destination.Workload, destination.Address, from, to))];
            }

            return Segments(source.Range is null ? source.Workload : destination.Workload, range, source.Range is not null, from, to);
        }

        /// <summary>
        /// As <see cref="ExplainSegments(string, string)"/> for a workload and an address range given as a range (which
        /// need not be a CIDR), the range being the source or the destination.
        /// </summary>
        /// <exception cref="InputError">The workload does not exist.</exception>
        public IReadOnlyList<ExplainedSegment> ExplainSegments(string workload, AddressRange range, bool rangeIsSource)
        {
            var subject = Endpoint(cluster, workload, rangeIsSource ? "--to" : "--from").Workload
                ?? throw new InputError(rangeIsSource ? "--to" : "--from", $"'{workload}' is not a workload", "Name a workload as namespace/name");
            var text = range.ToString();
            return Segments(subject, range, rangeIsSource, rangeIsSource ? text : subject.Id, rangeIsSource ? subject.Id : text);
        }

        private List<ExplainedSegment> Segments(Workload? workload, AddressRange range, bool rangeIsSource, string from, string to)
        {
            var groups = new List<(string Key, string? Name, List<AddressRange> Ranges, Explanation Explanation)>();
            foreach (var (part, name) in context.Value.Parts(range))
            {
                var address = part.FirstAddress;
                var explanation = rangeIsSource
                    ? Pair(null, address, workload, null, from, to)
                    : Pair(workload, null, null, address, from, to);
                var key = (name ?? string.Empty) + "\n" + Signature(explanation);
                var index = groups.FindIndex(g => g.Key == key);
                if (index < 0)
                {
                    groups.Add((key, name, [part], explanation));
                }
                else if (groups[index].Ranges[^1].Last + 1 == part.First)
                {
                    groups[index].Ranges[^1] = groups[index].Ranges[^1] with { Last = part.Last };
                }
                else
                {
                    groups[index].Ranges.Add(part);
                }
            }

            return groups.Select(g => new ExplainedSegment(g.Ranges, g.Name, g.Explanation)).ToList();
        }

        private Explanation Pair(Workload? sourceWorkload, IPAddress? sourceAddress, Workload? destinationWorkload, IPAddress? destinationAddress, string from, string to) =>
            new(
                sourceWorkload?.Id ?? from,
                destinationWorkload?.Id ?? to,
                sourceWorkload is { } s ? context.Value.Direction(PolicyType.Egress, s, (destinationWorkload, destinationAddress)) : null,
                destinationWorkload is { } d ? context.Value.Direction(PolicyType.Ingress, d, (sourceWorkload, sourceAddress)) : null);

        /// <summary>What an explanation says, without its endpoints' names: equal for parts the policies treat alike.</summary>
        private static string Signature(Explanation explanation) =>
            string.Join("\n", new[] { explanation.Egress, explanation.Ingress }.Select(d => d is null
                ? "-"
                : $"{d.Direction} {d.Subject} {string.Join(",", d.SelectingNetworkPolicies)} {string.Join(",", d.ApplyingClusterPolicies)} " +
                  string.Join(";", d.Pieces.Select(p => $"{p.Connections}|{p.Allowed}|{p.DecidedBy}|{p.Reason}"))));
    }

    private static (Workload? Workload, IPAddress? Address, AddressRange? Range) Endpoint(ClusterModel cluster, string text, string option)
    {
        if (!text.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(text, out var address))
        {
            return (null, address, null);
        }

        if (LooksLikeCidr(text))
        {
            return Cidr.TryParse(text, out var range, out var problem)
                ? (null, null, range)
                : throw new InputError(option, problem, "Give the range as a CIDR without host bits, e.g. 10.20.0.0/16");
        }

        var matches = cluster.Workloads.Where(w => w.Id == text || $"{w.Namespace}/{w.Name}" == text).ToList();
        return matches.Count switch
        {
            1 => (matches[0], null, null),
            0 => throw new InputError(option, $"no workload is named '{text}'", "Name a workload as namespace/name (e.g. shop/web), or give an IP address or a CIDR"),
            _ => throw new InputError(option, $"'{text}' names {matches.Count} workloads ({string.Join(", ", matches.Select(m => m.Id))})", "Add the kind, e.g. shop/web[Deployment]"),
        };
    }

    /// <summary>Whether text is meant as an address range (an address, a slash, digits), so a malformed one is reported as such.</summary>
    private static bool LooksLikeCidr(string text)
    {
        var slash = text.LastIndexOf('/');
        return slash > 0 && IPAddress.TryParse(text[..slash], out _) && text.Length > slash + 1 && text[(slash + 1)..].All(char.IsAsciiDigit);
    }

    private sealed class Context(ClusterModel cluster, IReadOnlyDictionary<string, Dictionary<string, string>> namespaceLabels, EnforcementProfile profile)
    {
        private readonly AddressSpace space = new(
            ConnectivityAnalyzer.IpBlocks(PolicyCompiler.Compile(cluster.Policies, profile))
                .Concat(ConnectivityAnalyzer.Networks(ClusterPolicyCompiler.Compile(cluster.EffectiveClusterPolicies, [], profile))),
            profile.NamedRanges);

        /// <summary>A range cut into the parts every address rule treats alike, each with its name (e.g. nodes) if it has one.</summary>
        public IEnumerable<(AddressRange Part, string? Name)> Parts(AddressRange range)
        {
            var any = false;
            foreach (var block in space.Blocks.Where(b => b.Overlaps(range)))
            {
                any = true;
                var part = new AddressRange(range.Family, UInt128.Max(block.First, range.First), UInt128.Min(block.Last, range.Last));
                yield return (part, space.NameOf(part));
            }

            if (!any)
            {
                yield return (range, null);
            }
        }

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
                : peer.IpBlock is { } block && Cidr.Parse(block.Cidr).Contains(other.Address!) && !block.Except.Any(e => Cidr.Parse(e).Contains(other.Address!)) &&
                  profile.IpBlockReaches(other.Address!);
    }
}
