namespace Palisade.Components.Connectivity;

/// <summary>
/// The allowed connections between workload classes: the source's egress intersected with the destination's ingress.
/// Only candidate pairs are visited — the destinations a closed egress names, or, for an open egress, the destinations
/// whose ingress is open or names the source — so the work follows the size of the answer.
/// </summary>
internal static class ClassPairs
{
    public static List<(int Destination, ConnectionSet Allowed)>[] Compute(WorkloadClasses classes, PolicyTables tables, PortResolver ports)
    {
        var count = classes.Classes.Count;
        var openIngress = new List<int>();
        var ingressNames = new List<int>?[count];
        for (var d = 0; d < count; d++)
        {
            var table = tables.Ingress[d];
            if (table is null || table.AcceptsAnySource)
            {
                openIngress.Add(d);
                continue;
            }

            foreach (var source in table.FromClass.Keys)
            {
                (ingressNames[source] ??= []).Add(d);
            }
        }

        var result = new List<(int, ConnectionSet)>[count];
        var seen = new int[count];
        var stamp = 0;
        for (var s = 0; s < count; s++)
        {
            stamp++;
            var egress = tables.Egress[s];
            var pairs = new List<(int, ConnectionSet)>();
            var candidates = egress is null || egress.ReachesAnyDestination
                ? openIngress.Concat(ingressNames[s] ?? [])
                : egress.ToClass.Keys;
            foreach (var d in candidates)
            {
                if (seen[d] == stamp)
                {
                    continue;
                }

                seen[d] = stamp;
                var sent = egress is null
                    ? ConnectionSet.All
                    : egress.DefaultFor(classes.Classes[d].Profile, ports).Union(egress.ToClass.GetValueOrDefault(d) ?? ConnectionSet.None);
                if (sent.IsEmpty)
                {
                    continue;
                }

                var ingress = tables.Ingress[d];
                var accepted = ingress is null
                    ? ConnectionSet.All
                    : ingress.Default.Union(ingress.FromClass.GetValueOrDefault(s) ?? ConnectionSet.None);
                var allowed = sent.Intersect(accepted);
                if (!allowed.IsEmpty)
                {
                    pairs.Add((d, allowed));
                }
            }

            result[s] = pairs;
        }

        return result;
    }

    /// <summary>
    /// With cluster tiers the candidates of a source are the destinations whose ingress can take anything from a source
    /// of its peer signature (open to the NetworkPolicies or the baseline, accepting any source, or accepted by the
    /// Admin tier) plus those whose NetworkPolicies name it; each is then decided both ways. Whether a destination is
    /// open depends on it only through its ingress subject, profile and isolation, so the open destinations are found
    /// once per peer signature and group of such destinations: the work follows the size of the answer.
    /// </summary>
    public static List<(int Destination, ConnectionSet Allowed)>[] ComputeTiered(
        WorkloadClasses classes, PolicyTables tables, PortResolver ports, ClusterTiers tiers)
    {
        var count = classes.Classes.Count;
        var ingressNames = new List<int>?[count];
        for (var d = 0; d < count; d++)
        {
            foreach (var source in tables.Ingress[d]?.FromClass.Keys ?? Enumerable.Empty<int>())
            {
                (ingressNames[source] ??= []).Add(d);
            }
        }

        var destinations = new OpenDestinations(classes, tables, tiers);
        var openBySignature = new Dictionary<int, List<int>>();
        var result = new List<(int, ConnectionSet)>[count];
        var seen = new int[count];
        var stamp = 0;
        for (var s = 0; s < count; s++)
        {
            if (!openBySignature.TryGetValue(tiers.PeerSignature(s), out var open))
            {
                openBySignature[tiers.PeerSignature(s)] = open = destinations.For(s);
            }

            stamp++;
            var egress = tables.Egress[s];
            var pairs = new List<(int, ConnectionSet)>();
            foreach (var d in open.Concat(ingressNames[s] ?? []))
            {
                if (seen[d] == stamp)
                {
                    continue;
                }

                seen[d] = stamp;
                var sentByPolicies = egress is null
                    ? null
                    : egress.DefaultFor(classes.Classes[d].Profile, ports).Union(egress.ToClass.GetValueOrDefault(d) ?? ConnectionSet.None);
                var sent = tiers.Egress(s, d).Decide(sentByPolicies);
                if (sent.IsEmpty)
                {
                    continue;
                }

                var ingress = tables.Ingress[d];
                var acceptedByPolicies = ingress is null
                    ? null
                    : ingress.Default.Union(ingress.FromClass.GetValueOrDefault(s) ?? ConnectionSet.None);
                var allowed = sent.Intersect(tiers.Ingress(s, d).Decide(acceptedByPolicies));
                if (!allowed.IsEmpty)
                {
                    pairs.Add((d, allowed));
                }
            }

            result[s] = pairs;
        }

        return result;
    }

    /// <summary>
    /// The destinations open to a source, in ascending order: those that accept any source or that no cluster rule and
    /// no NetworkPolicy isolates, whatever the source; and, per group of destinations with the same cluster ingress
    /// rules and profile, those the tiers' outcome for the source opens (Admin accepts, or the baseline or default
    /// allows a destination no NetworkPolicy selects).
    /// </summary>
    private sealed class OpenDestinations
    {
        private readonly ClusterTiers tiers;
        private readonly List<int> always = [];
        private readonly List<(int Representative, List<int> Unisolated, List<int> Isolated)> groups = [];

        public OpenDestinations(WorkloadClasses classes, PolicyTables tables, ClusterTiers tiers)
        {
            this.tiers = tiers;
            var groupIds = new Dictionary<(int Subject, int Profile), int>();
            for (var d = 0; d < classes.Classes.Count; d++)
            {
                var ingress = tables.Ingress[d];
                if (ingress is { AcceptsAnySource: true } || (ingress is null && !tiers.HasIngressRules(d)))
                {
                    always.Add(d);
                    continue;
                }

                if (!tiers.HasIngressRules(d))
                {
                    continue;
                }

                var key = (tiers.IngressSubject(d), classes.Classes[d].Profile);
                if (!groupIds.TryGetValue(key, out var id))
                {
                    groupIds[key] = id = groups.Count;
                    groups.Add((d, [], []));
                }

                (ingress is null ? groups[id].Unisolated : groups[id].Isolated).Add(d);
            }
        }

        public List<int> For(int source)
        {
            var open = new List<int>(always);
            var merged = false;
            foreach (var (representative, unisolated, isolated) in groups)
            {
                var outcome = tiers.Ingress(source, representative);
                if (!outcome.Accepted.IsEmpty)
                {
                    open.AddRange(unisolated);
                    open.AddRange(isolated);
                    merged = true;
                }
                else if (unisolated.Count > 0 && !outcome.Decide(null).IsEmpty)
                {
                    open.AddRange(unisolated);
                    merged = true;
                }
            }

            if (merged)
            {
                open.Sort();
            }

            return open;
        }
    }
}
