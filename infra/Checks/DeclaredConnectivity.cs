using System.Net;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Composition;

namespace Palisade.Infra.Checks;

/// <summary>
/// Traffic between a workload and addresses outside the cluster: a CIDR minus its except ranges, on some ports;
/// outbound (egress to the addresses) or inbound (e.g. a load balancer reaching pod IPs).
/// </summary>
internal sealed record DeclaredExternal(string WorkloadId, IPNetwork Cidr, IReadOnlyList<IPNetwork> Except, ConnectionSet Allowed, string Reason, bool Inbound = false)
{
    /// <summary>The CIDR minus its except ranges.</summary>
    public AddressSet Addresses { get; } = AddressSet.Of(Cidr).Subtract(AddressSet.Of(Except.Select(Palisade.Components.Connectivity.Cidr.ToRange)));

    public bool Covers(IPAddress address) => Addresses.Contains(address);

    /// <summary>
    /// Addresses that stand for every part of CIDR-minus-except: the first and last address of each of its ranges.
    /// Every block of the analysis' partition inside the declared range that borders an except or the CIDR's edge
    /// contains one of them.
    /// </summary>
    public IReadOnlyList<IPAddress> Probes() =>
        Addresses.Ranges.SelectMany(r => new[] { r.First, r.Last }.Distinct().Select(n => AddressRange.ToAddress(r.Family, n))).ToList();
}

/// <summary>
/// What a stack declares, as connections between the workloads the analysis sees: every app flow, DNS for every
/// app workload, the ingress controller and monitoring allowances, and external egress. Anything the policies allow
/// beyond this is undeclared.
/// </summary>
internal sealed class DeclaredConnectivity
{
    private readonly Dictionary<(string Source, string Destination), ConnectionSet> _pairs = [];
    private readonly Dictionary<(string Source, string Destination), List<string>> _reasons = [];
    private readonly List<DeclaredExternal> _external = [];
    private readonly List<DeclaredInvariant> _invariants = [];

    private DeclaredConnectivity(IReadOnlySet<string> appWorkloads, IReadOnlySet<string> dnsWorkloads, DnsResolver resolver)
    {
        AppWorkloads = appWorkloads;
        DnsWorkloads = dnsWorkloads;
        Resolver = resolver;
    }

    /// <summary>Ids of the workloads the stack's apps run (the subjects of verification).</summary>
    public IReadOnlySet<string> AppWorkloads { get; }

    /// <summary>The resolver pods' workloads (none when the resolver is only an address, as with Cloud DNS).</summary>
    public IReadOnlySet<string> DnsWorkloads { get; }

    /// <summary>The cluster's resolver, whose pods and addresses every app workload must reach on UDP and TCP 53.</summary>
    public DnsResolver Resolver { get; }

    public IReadOnlyDictionary<(string Source, string Destination), ConnectionSet> Pairs => _pairs;

    public IReadOnlyList<DeclaredExternal> External => _external;

    /// <summary>Every app's invariants, with the workloads its tiers run as.</summary>
    public IReadOnlyList<DeclaredInvariant> Invariants => _invariants;

    /// <summary>Whether a connection from an app workload to this peer is DNS resolution (and so allowed on 53 only).</summary>
    public bool IsDns(string source, Peer destination) => destination switch
    {
        WorkloadPeer w => DnsWorkloads.Contains(w.Id) || ReasonsFor(source, w.Id).Contains(DnsReason, StringComparer.Ordinal),
        ExternalPeer e => ExternalReasons(source, e, inbound: false).Contains(DnsReason, StringComparer.Ordinal),
        _ => false,
    };

    /// <summary>The reason DNS resolution is declared under (a resolver pod, or a resolver address on some clouds).</summary>
    public const string DnsReason = "DNS";

    public IReadOnlyList<string> ReasonsFor(string source, string destination) =>
        _reasons.TryGetValue((source, destination), out var reasons) ? reasons : [];

    /// <summary>
    /// Why a connection the analysis found is declared (empty when it is not): the flows, DNS and platform allowances
    /// between two workloads, or the external egress and load-balancer paths for an external peer.
    /// </summary>
    public IReadOnlyList<string> ReasonsFor(Peer source, Peer destination) => (source, destination) switch
    {
        (WorkloadPeer s, WorkloadPeer d) => ReasonsFor(s.Id, d.Id),
        (WorkloadPeer s, ExternalPeer d) => ExternalReasons(s.Id, d, inbound: false),
        (ExternalPeer s, WorkloadPeer d) => ExternalReasons(d.Id, s, inbound: true),
        _ => [],
    };

    private IReadOnlyList<string> ExternalReasons(string workload, ExternalPeer peer, bool inbound) =>
        _external.Where(e => e.WorkloadId == workload && e.Inbound == inbound && e.Covers(peer.Ranges[0].FirstAddress))
            .Select(e => e.Reason)
            .ToList();

    public ConnectionSet Between(string source, string destination) => _pairs.GetValueOrDefault((source, destination), ConnectionSet.None);

    public ConnectionSet ToExternal(string source, IPAddress address) => ExternalAllowed(source, address, inbound: false);

    public ConnectionSet FromExternal(IPAddress address, string destination) => ExternalAllowed(destination, address, inbound: true);

    private ConnectionSet ExternalAllowed(string workload, IPAddress address, bool inbound) =>
        _external.Where(e => e.WorkloadId == workload && e.Inbound == inbound && e.Covers(address))
            .Aggregate(ConnectionSet.None, (set, e) => set.Union(e.Allowed));

    public static DeclaredConnectivity For(SynthesizedStack stack)
    {
        var ids = stack.AppWorkloads.ToDictionary(w => (w.Namespace, w.Name), w => w.Id);
        var resolver = stack.Peers.Dns;
        var dns = stack.PlatformWorkloads
            .Where(w => resolver.Pods.Any(p => p.Selects(w)))
            .Select(w => w.Id)
            .ToHashSet(StringComparer.Ordinal);
        var declared = new DeclaredConnectivity(ids.Values.ToHashSet(StringComparer.Ordinal), dns, resolver);
        var dnsPorts = ConnectionSet.For(Protocol.UDP, DnsResolver.Port, DnsResolver.Port).Union(ConnectionSet.For(Protocol.TCP, DnsResolver.Port, DnsResolver.Port));

        foreach (var app in stack.Apps.Select(a => a.App))
        {
            string Id(TierSpec tier) => ids[(tier.Namespace, tier.Name)];

            foreach (var tier in app.Tiers)
            {
                foreach (var resolverWorkload in dns)
                {
                    declared.Add(Id(tier), resolverWorkload, dnsPorts, DnsReason);
                }

                foreach (var address in resolver.Addresses)
                {
                    declared._external.Add(new DeclaredExternal(Id(tier), IPNetwork.Parse(address), [], dnsPorts, DnsReason));
                }

                if (tier.Identity is not null && stack.Peers.IdentityEndpoint is { } endpoint)
                {
                    declared._external.Add(new DeclaredExternal(Id(tier), IPNetwork.Parse(endpoint.Cidr), [],
                        ConnectionSet.For(endpoint.Protocol, endpoint.Port, endpoint.Port), $"identity endpoint: {endpoint.Mechanism}"));
                }

                if (tier.Identity is not null)
                {
                    foreach (var cidr in stack.Peers.ApiEndpointCidrs)
                    {
                        declared._external.Add(new DeclaredExternal(Id(tier), IPNetwork.Parse(cidr), [],
                            ConnectionSet.For(Protocol.TCP, PlatformPeers.ApiEndpointPort, PlatformPeers.ApiEndpointPort), $"cloud API endpoint {cidr}"));
                    }
                }

                if (tier.ExposedPort is { } exposed && stack.Peers.IngressController is { } controller)
                {
                    declared.AddFromPlatform(stack, controller, Id(tier), Single(tier, exposed, Protocol.TCP), $"ingress controller to {tier.Name}");
                }

                if (tier.ExposedPort is { } target)
                {
                    foreach (var cidr in stack.Peers.LoadBalancerCidrs)
                    {
                        declared._external.Add(new DeclaredExternal(Id(tier), IPNetwork.Parse(cidr), [], Single(tier, target, Protocol.TCP),
                            $"load balancer {cidr} to {tier.Name}", Inbound: true));
                    }
                }

                if (tier.MonitoredPorts.Count > 0 && stack.Peers.Monitoring is { } monitoring)
                {
                    var scraped = tier.MonitoredPorts.Aggregate(ConnectionSet.None, (set, port) => set.Union(Single(tier, port, Protocol.TCP)));
                    declared.AddFromPlatform(stack, monitoring, Id(tier), scraped, $"monitoring scrapes {tier.Name}");
                }
            }

            foreach (var flow in app.Flows)
            {
                var to = app.Tier(flow.To);
                declared.Add(Id(app.Tier(flow.From)), Id(to), Single(to, flow.Port, flow.Protocol), flow.ToString());
            }

            foreach (var flow in app.ServiceFlows)
            {
                var service = stack.Peers.Services[flow.Service];
                var port = service.Port(flow.Port, flow.Protocol)!.Port;
                var workload = stack.PlatformWorkloads.First(w => w.Namespace == service.Namespace && w.Name == service.Name).Id;
                declared.Add(Id(app.Tier(flow.From)), workload, ConnectionSet.For(flow.Protocol, port, port), flow.ToString());
            }

            foreach (var egress in app.ExternalEgress)
            {
                var except = egress.Except.Select(IPNetwork.Parse).ToList();
                var ports = egress.Ports.Aggregate(ConnectionSet.None, (set, p) => set.Union(ConnectionSet.For(egress.Protocol, p, p)));
                declared._external.Add(new DeclaredExternal(Id(app.Tier(egress.From)), IPNetwork.Parse(egress.Cidr), except, ports, egress.ToString()));
            }

            var workloads = app.Tiers.ToDictionary(t => t.Name, Id, StringComparer.Ordinal);
            foreach (var invariant in app.Invariants)
            {
                var forbidden = invariant is NeverReaches { Port: { } port } never
                    ? Single(app.Tier(never.To), port, never.Protocol)
                    : ConnectionSet.All;
                declared._invariants.Add(new DeclaredInvariant(app.Name, app.Source, invariant, workloads, forbidden));
            }
        }

        return declared;
    }

    private void AddFromPlatform(SynthesizedStack stack, PlatformPeer peer, string destination, ConnectionSet allowed, string reason)
    {
        foreach (var workload in stack.PlatformWorkloads.Where(peer.Selects))
        {
            Add(workload.Id, destination, allowed, reason);
        }
    }

    private void Add(string source, string destination, ConnectionSet allowed, string reason)
    {
        _pairs[(source, destination)] = Between(source, destination).Union(allowed);
        if (!_reasons.TryGetValue((source, destination), out var reasons))
        {
            _reasons[(source, destination)] = reasons = [];
        }

        reasons.Add(reason);
    }

    /// <summary>A flow's port on the destination tier, named ports resolved against its container ports.</summary>
    private static ConnectionSet Single(TierSpec destination, IntOrString port, Protocol protocol)
    {
        var number = ContainerPorts.Find(destination, port, protocol)?.Port ?? port.Number!.Value;
        return ConnectionSet.For(protocol, number, number);
    }
}
