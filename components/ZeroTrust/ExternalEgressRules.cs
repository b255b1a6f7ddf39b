using System.Net;
using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.ZeroTrust;

/// <summary>
/// A tier's external egress as NetworkPolicy rules: one rule per destination (CIDR and its effective except list),
/// the ports of every declaration to that destination merged into it. Two rules on one CIDR are never emitted: the
/// EKS VPC CNI network policy agent keys its rules by CIDR and merges them wrongly (aws/aws-network-policy-agent#180),
/// and declarations on one CIDR with different except lists cannot be merged, so <see cref="RefuseSharedCidrs"/>
/// refuses them on that dataplane.
/// </summary>
internal static class ExternalEgressRules
{
    public static IReadOnlyList<NetworkPolicyRule> For(IEnumerable<ExternalEgressSpec> egress) =>
        egress.Select(e => (Spec: e, Block: Block(e)))
            .GroupBy(x => Key(x.Block))
            .Select(g =>
            {
                var specs = g.ToList();
                IReadOnlyList<NetworkPolicyPort> ports = specs.Any(x => x.Spec.Ports.Count == 0)
                    ? []
                    : specs.SelectMany(x => x.Spec.Ports.Select(p => (x.Spec.Protocol, Port: p)))
                        .Distinct().OrderBy(p => p.Protocol).ThenBy(p => p.Port)
                        .Select(p => new NetworkPolicyPort(p.Protocol, p.Port)).ToList();
                return new NetworkPolicyRule([new NetworkPolicyPeer(IpBlock: specs[0].Block)], ports);
            })
            .ToList();

    /// <summary>
    /// The ipBlock of one declaration. Whenever the CIDR still covers the metadata address, the except list gets the
    /// whole link-local range when the CIDR contains it (credential endpoints live there), else the metadata address.
    /// </summary>
    public static IpBlock Block(ExternalEgressSpec egress)
    {
        var cidr = AppValidator.ParseCidr(egress.Cidr, egress.ToString());
        var except = egress.Except.ToList();
        if (MetadataAddress.IsAllowedBy(cidr, except.Select(e => AppValidator.ParseCidr(e, egress.ToString()))))
        {
            var linkLocal = IPNetwork.Parse(MetadataAddress.LinkLocalCidr);
            except.Add(cidr.PrefixLength <= linkLocal.PrefixLength && cidr.Contains(linkLocal.BaseAddress) ? MetadataAddress.LinkLocalCidr : MetadataAddress.Cidr);
        }

        return new IpBlock(egress.Cidr, except);
    }

    /// <summary>
    /// On EKS VPC CNI: refuses two external egress declarations of one tier to the same CIDR with different except
    /// lists, which the agent would merge into one rule that allows other traffic than declared (#180).
    /// </summary>
    public static void RefuseSharedCidrs(AppSpec app)
    {
        foreach (var tier in app.Tiers)
        {
            var declared = app.ExternalEgress.Select((e, i) => (Index: i, Spec: e, Block: Block(e))).Where(x => x.Spec.From == tier.Name).ToList();
            foreach (var sameCidr in declared.GroupBy(x => Network(x.Block.Cidr)))
            {
                var distinct = sameCidr.DistinctBy(x => Key(x.Block)).ToList();
                if (distinct.Count > 1)
                {
                    var (a, b) = (distinct[0], distinct[1]);
                    throw new InputError($"{app.Source}: app '{app.Name}' externalEgress[{a.Index}] and externalEgress[{b.Index}]",
                        $"both send tier '{tier.Name}' to {a.Block.Cidr}, except [{string.Join(", ", a.Block.Except)}] and except [{string.Join(", ", b.Block.Except)}]; " +
                        "the EKS VPC CNI network policy agent merges rules on one CIDR and drops one side's except list or ports (aws/aws-network-policy-agent#180), so the pods would get other traffic than declared",
                        "Give both the same except list (they are then emitted as one rule with both sets of ports), or declare destinations that do not share a CIDR.");
                }
            }
        }
    }

    private static string Network(string cidr) => IPNetwork.Parse(cidr).ToString();

    private static string Key(IpBlock block) =>
        $"{Network(block.Cidr)} except {string.Join(",", block.Except.Select(Network).Distinct().Order(StringComparer.Ordinal))}";
}
