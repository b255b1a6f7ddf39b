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
    /// Admin tier) plus those whose NetworkPolicies name it; each is then decided both ways. The open destinations are
    /// computed once per peer signature, so the work still follows the size of the answer.
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

        var openBySignature = new Dictionary<int, List<int>>();
        var result = new List<(int, ConnectionSet)>[count];
        var seen = new int[count];
        var stamp = 0;
        for (var s = 0; s < count; s++)
        {
            if (!openBySignature.TryGetValue(tiers.PeerSignature(s), out var open))
            {
                open = [];
                for (var d = 0; d < count; d++)
                {
                    var ingress = tables.Ingress[d];
                    var outcome = tiers.Ingress(s, d);
                    if ((ingress is null ? !outcome.Decide(null).IsEmpty : ingress.AcceptsAnySource) || !outcome.Accepted.IsEmpty)
                    {
                        open.Add(d);
                    }
                }

                openBySignature[tiers.PeerSignature(s)] = open;
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
}
