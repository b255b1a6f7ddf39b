using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>A port name and the protocol it must be declared with on the destination's container port.</summary>
internal readonly record struct NamedPort(string Name, Protocol Protocol);

/// <summary>
/// A rule's ports list: either every connection, or numeric ports plus named ports that are resolved against the
/// destination workload's container ports.
/// </summary>
internal sealed class CompiledPorts
{
    private CompiledPorts(int id, bool all, ConnectionSet numeric, IReadOnlyList<NamedPort> named)
    {
        Id = id;
        All = all;
        Numeric = numeric;
        Named = named;
    }

    public int Id { get; }

    public bool All { get; }

    /// <summary>The numeric part; also all that can ever match an external address.</summary>
    public ConnectionSet Numeric { get; }

    public IReadOnlyList<NamedPort> Named { get; }

    public static CompiledPorts Compile(int id, IReadOnlyList<NetworkPolicyPort>? ports)
    {
        if (ports is null || ports.Count == 0)
        {
            return new CompiledPorts(id, true, ConnectionSet.All, []);
        }

        var numeric = ConnectionSet.None;
        var named = new List<NamedPort>();
        foreach (var port in ports)
        {
            var protocol = port.EffectiveProtocol;
            if (port.Port is not { } value)
            {
                numeric = numeric.Union(ConnectionSet.For(protocol, PortSet.All));
            }
            else if (value.IsNamed)
            {
                named.Add(new NamedPort(value.Name!, protocol));
            }
            else
            {
                numeric = numeric.Union(ConnectionSet.For(protocol, value.Number!.Value, port.EndPort ?? value.Number.Value));
            }
        }

        return new CompiledPorts(id, false, numeric, named.Distinct().ToList());
    }

    /// <summary>A cluster policy rule's ports; null or empty means everything. A named port matches any protocol.</summary>
    public static CompiledPorts Compile(int id, IReadOnlyList<ClusterPort>? ports)
    {
        if (ports is null || ports.Count == 0)
        {
            return new CompiledPorts(id, true, ConnectionSet.All, []);
        }

        var numeric = ConnectionSet.None;
        var named = new List<NamedPort>();
        foreach (var port in ports)
        {
            switch (port)
            {
                case ClusterPort.Number n:
                    numeric = numeric.Union(ConnectionSet.For(n.Protocol, n.Port, n.Port));
                    break;
                case ClusterPort.Range r:
                    numeric = numeric.Union(ConnectionSet.For(r.Protocol, r.Start, r.End));
                    break;
                case ClusterPort.Named n:
                    named.AddRange([new NamedPort(n.Name, Protocol.TCP), new NamedPort(n.Name, Protocol.UDP), new NamedPort(n.Name, Protocol.SCTP)]);
                    break;
            }
        }

        return new CompiledPorts(id, false, numeric, named.Distinct().ToList());
    }
}
