using Palisade.Components.Connectivity;
using Palisade.Stacks.Composition;

namespace Palisade.Infra.Checks;

/// <summary>
/// No app tier admits node addresses: kubelet, host-network pods and any process on a node send from them, so a tier an
/// ipBlock opens to the nodes is open around the edge and its WAF. The node ranges are the declared ones; without them,
/// on EKS, every VPC address outside the declared load balancer and interface endpoint subnets may be a node's.
/// </summary>
public static class NodeReachChecks
{
    private const string Name = "No app tier admits node addresses (kubelet, host-network pods, any process on a node)";

    public static CheckResult Run(SynthesizedStack stack, ConnectivityResult actual, DeclaredConnectivity declared)
    {
        var cloud = stack.Platform.Cloud;
        var bound = AddressSet.Of(cloud.NodeAddressBound.Select(Cidr.Parse));
        if (bound.IsEmpty)
        {
            return CheckResult.Pass(CheckIds.NodeReach, Name, "not checked: the node ranges are unknown (set palisade:nodeCidrs)");
        }

        var nodes = cloud.NodeCidrs.Count > 0
            ? bound
            : bound.Subtract(AddressSet.Of(stack.Peers.LoadBalancerCidrs.Concat(stack.Peers.ApiEndpointCidrs).Select(Cidr.Parse)));
        var failures = new List<string>();
        foreach (var connection in actual.Connections)
        {
            if (connection.Source is not ExternalPeer source || connection.Destination is not WorkloadPeer destination ||
                !declared.AppWorkloads.Contains(destination.Id))
            {
                continue;
            }

            var reached = nodes.Intersect(AddressSet.Of(source.Ranges));
            if (reached.IsEmpty)
            {
                continue;
            }

            var probe = reached.Ranges[0].FirstAddress.ToString();
            failures.Add($"{destination.Id} admits node addresses {Text(reached)}: {connection.Allowed}" +
                         ConnectivityChecks.Allowed(DecidingRules.Allowing(actual, probe, destination.Id, connection.Allowed)));
        }

        var scope = cloud.NodeCidrs.Count > 0
            ? $"the nodes {string.Join(", ", cloud.NodeCidrs)}"
            : $"every possible node address ({Text(nodes)}; palisade:nodeCidrs is not set)";
        return CheckResult.From(CheckIds.NodeReach, Name, failures,
            $"{declared.AppWorkloads.Count} app workloads admit nothing from {scope}" +
            (cloud.Dataplane.IpBlocksMatchNodes ? string.Empty : "; the dataplane matches no ipBlock against nodes"));
    }

    private static string Text(AddressSet addresses) => addresses.IsEmpty
        ? "none"
        : string.Join(", ", addresses.Ranges.GroupBy(r => r.Family).Select(f => Reports.Connectivity.PeerText.Addresses(f.ToList())));
}
