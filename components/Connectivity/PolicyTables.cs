namespace Palisade.Components.Connectivity;

/// <summary>
/// Per workload class: the ingress and egress tables of the policies that select it (null = not isolated in that
/// direction, so everything is allowed). Classes selected by the same policies share one table.
/// </summary>
internal sealed class PolicyTables
{
    private readonly WorkloadClasses classes;
    private readonly AddressSpace space;
    private readonly PeerResolver peers;
    private readonly PortResolver ports;
    private readonly Dictionary<CompiledIpBlock, IReadOnlyList<BlockInterval>> covers = new(ReferenceEqualityComparer.Instance);

    public PolicyTables(WorkloadClasses classes, IReadOnlyList<CompiledPolicy> policies, AddressSpace space, PeerResolver peers, PortResolver ports)
    {
        this.classes = classes;
        this.space = space;
        this.peers = peers;
        this.ports = ports;
        Ingress = new IngressTable?[classes.Classes.Count];
        Egress = new EgressTable?[classes.Classes.Count];

        var byNamespace = new Dictionary<string, List<CompiledPolicy>>(StringComparer.Ordinal);
        foreach (var policy in policies)
        {
            if (!byNamespace.TryGetValue(policy.Namespace, out var list))
            {
                byNamespace[policy.Namespace] = list = [];
            }

            list.Add(policy);
        }

        // Tables are shared by the classes that the same policies select (and, for ingress, with the same profile).
        var ingressIds = new SequenceIds();
        var egressIds = new SequenceIds();
        var ingressTables = new Dictionary<(int Policies, int Profile), IngressTable>();
        var egressTables = new Dictionary<int, EgressTable>();
        var ingress = new List<CompiledPolicy>();
        var egress = new List<CompiledPolicy>();
        var ingressIndexes = new List<int>();
        var egressIndexes = new List<int>();
        foreach (var workloadClass in classes.Classes)
        {
            if (classes.NamespaceClasses[workloadClass.NamespaceClass].PolicyNamespace is not { } ns)
            {
                continue;
            }

            ingress.Clear();
            egress.Clear();
            ingressIndexes.Clear();
            egressIndexes.Clear();
            foreach (var policy in byNamespace[ns])
            {
                if (!policy.PodSelector.Matches(workloadClass.Labels))
                {
                    continue;
                }

                if (policy.GovernsIngress)
                {
                    ingress.Add(policy);
                    ingressIndexes.Add(policy.Index);
                }

                if (policy.GovernsEgress)
                {
                    egress.Add(policy);
                    egressIndexes.Add(policy.Index);
                }
            }

            if (ingress.Count > 0)
            {
                var key = (ingressIds.IdOf(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ingressIndexes)), workloadClass.Profile);
                if (!ingressTables.TryGetValue(key, out var table))
                {
                    ingressTables[key] = table = BuildIngress(ingress, workloadClass.Profile);
                }

                Ingress[workloadClass.Id] = table;
            }

            if (egress.Count > 0)
            {
                var key = egressIds.IdOf(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(egressIndexes));
                if (!egressTables.TryGetValue(key, out var table))
                {
                    egressTables[key] = table = BuildEgress(egress);
                }

                Egress[workloadClass.Id] = table;
            }
        }
    }

    public IngressTable?[] Ingress { get; }

    public EgressTable?[] Egress { get; }

    private IngressTable BuildIngress(IReadOnlyList<CompiledPolicy> policies, int profile)
    {
        var table = new IngressTable();
        var external = new List<(IReadOnlyList<BlockInterval>, ConnectionSet)>();
        foreach (var policy in policies)
        {
            foreach (var rule in policy.IngressRules)
            {
                var allowed = ports.Resolve(rule.Ports, profile);
                // Named ports resolve on the selected (destination) pod, for workload and address sources alike.
                if (rule.AllPeers)
                {
                    table.Default = table.Default.Union(allowed);
                    external.Add((space.Everything, allowed));
                    continue;
                }

                foreach (var peer in rule.Peers)
                {
                    if (peer.IpBlock is not null)
                    {
                        external.Add((Cover(peer.IpBlock), allowed));
                    }
                    else if (!allowed.IsEmpty)
                    {
                        foreach (var source in peers.Resolve(peer, policy.Namespace))
                        {
                            Add(table.FromClass, source, allowed);
                        }
                    }
                }
            }
        }

        table.External = ExternalSegments.Build(external);
        return table;
    }

    private EgressTable BuildEgress(IReadOnlyList<CompiledPolicy> policies)
    {
        var table = new EgressTable();
        var external = new List<(IReadOnlyList<BlockInterval>, ConnectionSet)>();
        foreach (var policy in policies)
        {
            foreach (var rule in policy.EgressRules)
            {
                if (rule.AllPeers)
                {
                    table.DefaultPorts.Add(rule.Ports);
                    external.Add((space.Everything, rule.Ports.Numeric));
                    continue;
                }

                foreach (var peer in rule.Peers)
                {
                    if (peer.IpBlock is not null)
                    {
                        external.Add((Cover(peer.IpBlock), rule.Ports.Numeric));
                        continue;
                    }

                    foreach (var destination in peers.Resolve(peer, policy.Namespace))
                    {
                        var allowed = ports.Resolve(rule.Ports, classes.Classes[destination].Profile);
                        if (!allowed.IsEmpty)
                        {
                            Add(table.ToClass, destination, allowed);
                        }
                    }
                }
            }
        }

        table.External = ExternalSegments.Build(external);
        return table;
    }

    private IReadOnlyList<BlockInterval> Cover(CompiledIpBlock ipBlock)
    {
        if (!covers.TryGetValue(ipBlock, out var cover))
        {
            covers[ipBlock] = cover = space.Cover(ipBlock);
        }

        return cover;
    }

    private static void Add(Dictionary<int, ConnectionSet> map, int key, ConnectionSet allowed) =>
        map[key] = map.TryGetValue(key, out var existing) ? existing.Union(allowed) : allowed;
}
