using System.Net;
using Palisade.Components.Connectivity;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>
/// The node addresses of a stack (<c>palisade:nodeCidrs</c>): kubelet, host-network pods and every other process on a
/// node send from them, so a tier an ipBlock opens to them is open around the edge. Each cloud adds its own rules.
/// </summary>
public static class NodeAddresses
{
    /// <summary>The declared node CIDRs, each valid, none overlapping another, together not every address.</summary>
    public static IReadOnlyList<string> Read(SettingsReader reader, CloudTarget cloud)
    {
        var cidrs = reader.List(ConfigSchema.NodeCidrs);
        var seen = new List<IPNetwork>();
        foreach (var cidr in cidrs)
        {
            var network = reader.Cidr(ConfigSchema.NodeCidrs, cidr);
            foreach (var earlier in seen.Where(e => e.Contains(network.BaseAddress) || network.Contains(e.BaseAddress)))
            {
                throw reader.Error(ConfigSchema.NodeCidrs, $"'{cidr}' overlaps {earlier}", "List each node range once, without overlaps.");
            }

            cloud.CheckNodeCidr(reader, cidr, network);
            seen.Add(network);
        }

        reader.NotEverything(ConfigSchema.NodeCidrs, seen, "List only the ranges the nodes have addresses in (the node subnets).");
        cloud.CheckNodeCidrs(reader, cidrs);
        return cidrs;
    }

    /// <summary>The CIDRs as address ranges.</summary>
    public static IReadOnlyList<AddressRange> Ranges(IReadOnlyList<string> cidrs) => cidrs.Select(Cidr.Parse).ToList();
}
