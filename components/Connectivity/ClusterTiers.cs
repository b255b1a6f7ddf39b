namespace Palisade.Components.Connectivity;

/// <summary>
/// The cluster policies (Admin and Baseline tiers) at workload-class level. A class is described by the rules whose
/// policy selects it as subject (per direction) and by the rules whose peers match it; outcomes are computed once per
/// (subject rules, peer rules, destination profile) and reused, so the cost follows the distinct combinations.
/// </summary>
internal sealed class ClusterTiers
{
    private readonly WorkloadClasses classes;
    private readonly AddressSpace space;
    private readonly PortResolver ports;
    private readonly int[] ingressSubject;
    private readonly int[] egressSubject;
    private readonly int[] peerSignature;
    private readonly List<CompiledClusterRule[]> subjectRules = [];
    private readonly List<bool[]> peerMatches = [];
    private readonly Dictionary<(int Subject, int Peer, int Profile), TierOutcome> outcomes = new();
    private readonly Dictionary<(int Subject, IReadOnlyList<BlockSegment>? NetworkPolicies), IReadOnlyList<BlockSegment>> external = new();
    private readonly Dictionary<CompiledIpBlock, IReadOnlyList<BlockInterval>> covers = new(ReferenceEqualityComparer.Instance);
    private readonly int ruleCount;

    public ClusterTiers(WorkloadClasses classes, IReadOnlyList<CompiledClusterPolicy> policies, AddressSpace space, PortResolver ports)
    {
        this.classes = classes;
        this.space = space;
        this.ports = ports;
        var count = classes.Classes.Count;
        ingressSubject = new int[count];
        egressSubject = new int[count];
        peerSignature = new int[count];
        ruleCount = policies.Sum(p => p.Ingress.Count + p.Egress.Count);
        IsEmpty = ruleCount == 0;
        if (IsEmpty)
        {
            return;
        }

        var selections = new ClusterSelections(classes);
        var selectingPolicies = new List<int>?[count];
        foreach (var policy in policies)
        {
            foreach (var c in selections.Match(policy.Subject))
            {
                (selectingPolicies[c] ??= []).Add(policy.Index);
            }
        }

        // Rule ids follow the policies' order, so each class's matching rules come out in ascending order.
        var matchingRules = new List<int>?[count];
        var stamp = new int[count];
        foreach (var rule in policies.SelectMany(p => p.Ingress.Concat(p.Egress)))
        {
            foreach (var peer in rule.Peers)
            {
                if (peer.Pods is null)
                {
                    continue;
                }

                foreach (var c in selections.Match(peer.Pods))
                {
                    if (stamp[c] != rule.Id + 1)
                    {
                        stamp[c] = rule.Id + 1;
                        (matchingRules[c] ??= []).Add(rule.Id);
                    }
                }
            }
        }

        var ingressIds = new SequenceIds();
        var egressIds = new SequenceIds();
        var peerIds = new SequenceIds();
        var ingressOwners = new List<int>();
        var egressOwners = new List<int>();
        var buffer = new int[policies.Count];
        for (var c = 0; c < count; c++)
        {
            var selecting = selectingPolicies[c] is { } list ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list) : [];
            ingressSubject[c] = Subject(ingressIds, ingressOwners, selecting, p => p.Ingress);
            egressSubject[c] = Subject(egressIds, egressOwners, selecting, p => p.Egress);

            var matching = matchingRules[c] is { } rules ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rules) : [];
            peerSignature[c] = peerIds.IdOf(matching, out var isNew);
            if (isNew)
            {
                var matches = new bool[ruleCount];
                foreach (var id in matching)
                {
                    matches[id] = true;
                }

                peerMatches.Add(matches);
            }
        }

        int Subject(SequenceIds ids, List<int> owners, ReadOnlySpan<int> selecting, Func<CompiledClusterPolicy, IReadOnlyList<CompiledClusterRule>> direction)
        {
            var n = 0;
            foreach (var p in selecting)
            {
                if (direction(policies[p]).Count > 0)
                {
                    buffer[n++] = p;
                }
            }

            var id = ids.IdOf(buffer.AsSpan(0, n), out var isNew);
            if (isNew)
            {
                owners.Add(subjectRules.Count);
                var rules = new List<CompiledClusterRule>();
                for (var i = 0; i < n; i++)
                {
                    rules.AddRange(direction(policies[buffer[i]]));
                }

                subjectRules.Add([.. rules]);
            }

            return owners[id];
        }
    }

    /// <summary>No cluster rule at all: the NetworkPolicy-only engine applies unchanged.</summary>
    public bool IsEmpty { get; }

    /// <summary>Classes with the same signature match the same cluster rule peers.</summary>
    public int PeerSignature(int workloadClass) => peerSignature[workloadClass];

    /// <summary>Classes with the same ingress subject are subject to the same cluster rules for ingress.</summary>
    public int IngressSubject(int workloadClass) => ingressSubject[workloadClass];

    /// <summary>Whether any cluster rule is about the class's ingress.</summary>
    public bool HasIngressRules(int workloadClass) => subjectRules[ingressSubject[workloadClass]].Length > 0;

    /// <summary>The cluster tiers' outcome for traffic from source to destination, as the destination receives it.</summary>
    public TierOutcome Ingress(int source, int destination) =>
        Outcome(ingressSubject[destination], peerSignature[source], classes.Classes[destination].Profile);

    /// <summary>The cluster tiers' outcome for traffic from source to destination, as the source sends it.</summary>
    public TierOutcome Egress(int source, int destination) =>
        Outcome(egressSubject[source], peerSignature[destination], classes.Classes[destination].Profile);

    /// <summary>
    /// What a class may send to addresses, given what its NetworkPolicies allow (null when none selects it for egress).
    /// Only networks peers match an address, and named ports never do.
    /// </summary>
    public IReadOnlyList<BlockSegment> EgressExternal(int source, IReadOnlyList<BlockSegment>? networkPolicies)
    {
        var subject = egressSubject[source];
        if (subjectRules[subject].Length == 0)
        {
            return networkPolicies ?? [new BlockSegment(space.Everything[0], ConnectionSet.All)];
        }

        if (!external.TryGetValue((subject, networkPolicies), out var result))
        {
            external[(subject, networkPolicies)] = result = BuildExternal(subjectRules[subject], networkPolicies);
        }

        return result;
    }

    private IReadOnlyList<BlockSegment> BuildExternal(CompiledClusterRule[] rules, IReadOnlyList<BlockSegment>? networkPolicies)
    {
        var ruleCovers = rules.Select(r => r.Peers.SelectMany(p => p.Networks).SelectMany(Cover).ToList()).ToArray();
        var cuts = new List<int> { 0, space.Everything[0].Last + 1 };
        foreach (var segment in networkPolicies ?? [])
        {
            cuts.Add(segment.Blocks.First);
            cuts.Add(segment.Blocks.Last + 1);
        }

        foreach (var interval in ruleCovers.SelectMany(c => c))
        {
            cuts.Add(interval.First);
            cuts.Add(interval.Last + 1);
        }

        var points = ExternalSegments.Distinct(cuts);
        var result = new List<BlockSegment>();
        var cursor = 0;
        for (var p = 0; p + 1 < points.Length; p++)
        {
            var piece = new BlockInterval(points[p], points[p + 1] - 1);
            ConnectionSet? allowedByPolicies = null;
            if (networkPolicies is not null)
            {
                while (cursor < networkPolicies.Count && networkPolicies[cursor].Blocks.Last < piece.First)
                {
                    cursor++;
                }

                allowedByPolicies = cursor < networkPolicies.Count && networkPolicies[cursor].Blocks.First <= piece.First
                    ? networkPolicies[cursor].Allowed
                    : ConnectionSet.None;
            }

            var matching = rules.Where((_, i) => ruleCovers[i].Any(c => c.First <= piece.First && piece.Last <= c.Last));
            var allowed = TierOutcome.Evaluate(matching, rulePorts => rulePorts.Numeric).Decide(allowedByPolicies);
            if (allowed.IsEmpty)
            {
                continue;
            }

            if (result.Count > 0 && result[^1].Blocks.Last + 1 == piece.First && result[^1].Allowed.Equals(allowed))
            {
                result[^1] = result[^1] with { Blocks = new BlockInterval(result[^1].Blocks.First, piece.Last) };
            }
            else
            {
                result.Add(new BlockSegment(piece, allowed));
            }
        }

        return result;
    }

    private TierOutcome Outcome(int subject, int peer, int profile)
    {
        var rules = subjectRules[subject];
        if (rules.Length == 0)
        {
            return TierOutcome.Open;
        }

        var key = (subject, peer, profile);
        if (!outcomes.TryGetValue(key, out var outcome))
        {
            var matches = peerMatches[peer];
            outcomes[key] = outcome = TierOutcome.Evaluate(rules.Where(r => matches[r.Id]), rulePorts => ports.Resolve(rulePorts, profile));
        }

        return outcome;
    }

    private IReadOnlyList<BlockInterval> Cover(CompiledIpBlock block)
    {
        if (!covers.TryGetValue(block, out var cover))
        {
            covers[block] = cover = space.Cover(block);
        }

        return cover;
    }
}
