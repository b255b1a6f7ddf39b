using Palisade.Components.Kubernetes;

namespace Palisade.Components.ZeroTrust;

/// <summary>
/// A service of the platform that apps call (Keycloak, Vault, an OpenTelemetry collector): its pods, selected by
/// namespace and labels, and the ports it serves. The stack declares it once; apps name it in their flows.
/// </summary>
public sealed record PlatformService(string Name, PlatformPeer Peer, IReadOnlyList<ContainerPort> Ports)
{
    public string Namespace => Peer.Namespace;

    /// <summary>The service's port for a flow's port (named or numeric) and protocol, or null when it serves none.</summary>
    public ContainerPort? Port(IntOrString port, Protocol protocol) =>
        Ports.FirstOrDefault(p => p.Protocol == protocol && (port.IsNamed ? p.Name == port.Name : p.Port == port.Number));
}

/// <summary>A declared connection from one of the app's tiers to a platform service, on one of the service's ports.</summary>
public sealed record ServiceFlowSpec(string From, string Service, IntOrString Port, Protocol Protocol = Protocol.TCP)
{
    public override string ToString() => $"{From} -> platform service {Service} {Protocol}/{Port}";
}
