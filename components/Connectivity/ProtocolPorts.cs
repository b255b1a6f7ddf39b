using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>The ports allowed for one protocol.</summary>
public readonly record struct ProtocolPorts(Protocol Protocol, PortSet Ports)
{
    public override string ToString() => $"{Protocol} {Ports}";
}
