using System.Net;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Composition;

namespace Palisade.Infra.Checks;

/// <summary>
/// Structural checks on the synthesized policies: the zero-trust baseline of every namespace, both sides of every
/// declared flow, and the rules that must never appear (allow-all, metadata).
/// </summary>
internal static class PolicyChecks
{
    public static IReadOnlyList<CheckResult> Run(SynthesizedStack stack)
    {
        var policies = stack.Policies.Select(p => p.Policy).ToList();
        var namespaces = stack.Namespaces.Select(n => n.Name).Order(StringComparer.Ordinal).ToList();
        return
        [
            DefaultDeny(namespaces, policies),
            DnsEgress(namespaces, policies, stack.Peers.Dns),
            FlowsHaveBothSides(stack.Apps, policies),
            NoAllowAll(policies),
            MetadataBlocked(policies, Sanctioned(stack.Peers)),
        ];
    }

    /// <summary>A peer by value (an ipBlock's except list is compared by its items, not by reference).</summary>
    private static (LabelSelector? Pods, LabelSelector? Namespaces, string? Cidr, string Except) PeerKey(NetworkPolicyPeer peer) =>
        (peer.PodSelector, peer.NamespaceSelector, peer.IpBlock?.Cidr, string.Join(",", peer.IpBlock?.Except ?? []));

    private static IReadOnlyList<(string Cidr, NetworkPolicyPort Port)> Sanctioned(PlatformPeers peers) =>
        peers.Dns.Addresses.SelectMany(a => peers.Dns.Ports.Select(p => (a, p)))
            .Concat(peers.IdentityEndpoint is { } e ? [(e.Cidr, new NetworkPolicyPort(e.Protocol, e.Port))] : [])
            .ToList();

    private static CheckResult DefaultDeny(IReadOnlyList<string> namespaces, IReadOnlyList<NetworkPolicy> policies)
    {
        var failures = namespaces
            .Where(ns => !policies.Any(p => p.Namespace == ns && p.PodSelector.IsEmpty &&
                                            p.Governs(PolicyType.Ingress) && p.Governs(PolicyType.Egress) &&
                                            (p.Ingress?.Count ?? 0) == 0 && (p.Egress?.Count ?? 0) == 0))
            .Select(ns => $"namespace {ns} has no default-deny policy for Ingress and Egress")
            .ToList();
        return CheckResult.From(CheckIds.DefaultDeny, "Default deny for ingress and egress in every namespace", failures,
            $"{namespaces.Count} namespaces: {string.Join(", ", namespaces)}");
    }

    private static CheckResult DnsEgress(IReadOnlyList<string> namespaces, IReadOnlyList<NetworkPolicy> policies, DnsResolver dns)
    {
        var expected = dns.Peers.Select(PeerKey).ToHashSet();
        var failures = new List<string>();
        foreach (var ns in namespaces)
        {
            var rules = policies.Where(p => p.Namespace == ns && p.PodSelector.IsEmpty && p.Governs(PolicyType.Egress))
                .SelectMany(p => p.Egress ?? []).ToList();
            var dnsRules = rules.Where(r => r.Ports?.Any(p => p.Port?.Number == DnsResolver.Port) == true).ToList();
            var both = dnsRules.Any(r => r.Ports!.Any(p => p.EffectiveProtocol == Protocol.UDP) && r.Ports!.Any(p => p.EffectiveProtocol == Protocol.TCP));
            var onlyResolver = dnsRules.Count > 0 &&
                               dnsRules.All(r => r.Ports!.All(p => p.Port?.Number == DnsResolver.Port && p.EndPort is null) &&
                                                 r.Peers is { Count: > 0 } peers && peers.Select(PeerKey).ToHashSet().SetEquals(expected));
            if (!both || !onlyResolver)
            {
                failures.Add($"namespace {ns} lacks DNS egress to exactly the {dns.Name} resolver ({dns}) on UDP and TCP 53");
            }
        }

        return CheckResult.From(CheckIds.DnsEgress, $"DNS egress to the cluster's resolver only ({dns.Name}: UDP+TCP 53, namespace and pod selector in one peer)", failures,
            $"every namespace reaches {dns}");
    }

    private static CheckResult FlowsHaveBothSides(IReadOnlyList<TieredApp> apps, IReadOnlyList<NetworkPolicy> policies)
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var app in apps)
        {
            foreach (var flow in app.App.Flows)
            {
                count++;
                var from = app.App.Tier(flow.From);
                var to = app.App.Tier(flow.To);
                var egress = HasRule(policies, from.Namespace, app.App.Selector(from), PolicyType.Egress, app.App.Selector(to), to.Namespace, flow);
                var ingress = HasRule(policies, to.Namespace, app.App.Selector(to), PolicyType.Ingress, app.App.Selector(from), from.Namespace, flow);
                if (!egress)
                {
                    failures.Add($"{flow}: no egress rule on {flow.From}");
                }

                if (!ingress)
                {
                    failures.Add($"{flow}: no ingress rule on {flow.To}");
                }
            }
        }

        return CheckResult.From(CheckIds.FlowsHaveBothSides, "Every flow has its egress rule at the source and its ingress rule at the destination", failures,
            $"{count} flows, {count * 2} rules");
    }

    private static bool HasRule(IReadOnlyList<NetworkPolicy> policies, string ns, LabelSelector subject, PolicyType direction,
        LabelSelector peerPods, string peerNamespace, FlowSpec flow) =>
        policies.Where(p => p.Namespace == ns && p.PodSelector.Equals(subject) && p.Governs(direction))
            .SelectMany(p => (direction == PolicyType.Ingress ? p.Ingress : p.Egress) ?? [])
            .Any(r => r.Peers?.Any(peer => PeerSelects(peer, peerPods, peerNamespace, ns)) == true &&
                      r.Ports?.Any(p => p.Port == flow.Port && p.EffectiveProtocol == flow.Protocol) == true);

    private static bool PeerSelects(NetworkPolicyPeer peer, LabelSelector pods, string peerNamespace, string policyNamespace) =>
        peer.IpBlock is null && pods.Equals(peer.PodSelector) &&
        (peer.NamespaceSelector is null
            ? peerNamespace == policyNamespace
            : peer.NamespaceSelector.MatchLabels.GetValueOrDefault(WellKnownLabels.NamespaceName) == peerNamespace);

    private static CheckResult NoAllowAll(IReadOnlyList<NetworkPolicy> policies)
    {
        var failures = policies
            .SelectMany(p => (p.Ingress ?? []).Select(r => (p, r, "ingress")).Concat((p.Egress ?? []).Select(r => (p, r, "egress"))))
            .Where(x => x.r.Peers is null or { Count: 0 })
            .Select(x => $"{x.p.Namespace}/{x.p.Name}: an {x.Item3} rule without peers allows every pod and address")
            .ToList();
        return CheckResult.From(CheckIds.NoAllowAll, "No rule allows every peer", failures, $"{policies.Count} policies inspected");
    }

    /// <summary>
    /// No ipBlock may include the metadata address, except rules that admit exactly a sanctioned link-local endpoint on
    /// its port: the identity endpoint a cloud's workload identity needs, and Cloud DNS on 53.
    /// </summary>
    private static CheckResult MetadataBlocked(IReadOnlyList<NetworkPolicy> policies, IReadOnlyList<(string Cidr, NetworkPolicyPort Port)> sanctioned)
    {
        var failures = new List<string>();
        foreach (var policy in policies)
        {
            foreach (var rule in policy.Egress ?? [])
            {
                foreach (var block in (rule.Peers ?? []).Select(p => p.IpBlock).OfType<IpBlock>())
                {
                    var cidr = IPNetwork.Parse(block.Cidr);
                    var exact = block.Except.Count == 0 && rule.Ports is { Count: > 0 } ports &&
                                ports.All(p => sanctioned.Any(s => s.Cidr == block.Cidr && s.Port.EffectiveProtocol == p.EffectiveProtocol &&
                                                                   s.Port.Port == p.Port && p.EndPort is null));
                    if (MetadataAddress.IsAllowedBy(cidr, block.Except.Select(IPNetwork.Parse)) && !exact)
                    {
                        failures.Add($"{policy.Namespace}/{policy.Name}: egress to {block.Cidr} includes {MetadataAddress.Address}");
                    }
                }
            }
        }

        return CheckResult.From(CheckIds.MetadataBlocked, $"No rule allows the metadata address {MetadataAddress.Address} beyond a sanctioned endpoint", failures,
            sanctioned.Count == 0
                ? "every ipBlock excludes it"
                : $"every ipBlock excludes it, except exactly {string.Join(", ", sanctioned.Select(s => $"{s.Cidr} {s.Port.EffectiveProtocol}/{s.Port.Port}"))}");
    }
}
