using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// The traffic allowed between two peers: "All Connections" (every protocol and port, including protocols a
/// NetworkPolicy port cannot name, such as ICMP) or a set of ports per TCP, UDP and SCTP.
/// </summary>
/// <remarks>
/// TCP, UDP and SCTP on every port is not "All Connections": only a rule without ports allows the other protocols,
/// so the two are kept apart to stay exact.
/// </remarks>
public sealed class ConnectionSet : IEquatable<ConnectionSet>
{
    public const string AllConnectionsText = "All Connections";

    private static readonly Protocol[] ProtocolOrder = [Protocol.TCP, Protocol.UDP, Protocol.SCTP];

    private readonly PortSet tcp;
    private readonly PortSet udp;
    private readonly PortSet sctp;

    private ConnectionSet(bool isAll, PortSet tcp, PortSet udp, PortSet sctp)
    {
        IsAll = isAll;
        this.tcp = tcp;
        this.udp = udp;
        this.sctp = sctp;
    }

    public static ConnectionSet None { get; } = new(false, PortSet.Empty, PortSet.Empty, PortSet.Empty);

    public static ConnectionSet All { get; } = new(true, PortSet.All, PortSet.All, PortSet.All);

    public bool IsAll { get; }

    public bool IsEmpty => !IsAll && tcp.IsEmpty && udp.IsEmpty && sctp.IsEmpty;

    /// <summary>The protocols with at least one allowed port, in the order TCP, UDP, SCTP.</summary>
    public IReadOnlyList<ProtocolPorts> Protocols =>
        ProtocolOrder.Select(p => new ProtocolPorts(p, Ports(p))).Where(p => !p.Ports.IsEmpty).ToList();

    public static ConnectionSet For(Protocol protocol, PortSet ports) =>
        ports.IsEmpty ? None : protocol switch
        {
            Protocol.TCP => new ConnectionSet(false, ports, PortSet.Empty, PortSet.Empty),
            Protocol.UDP => new ConnectionSet(false, PortSet.Empty, ports, PortSet.Empty),
            Protocol.SCTP => new ConnectionSet(false, PortSet.Empty, PortSet.Empty, ports),
            _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
        };

    public static ConnectionSet For(Protocol protocol, int first, int last) => For(protocol, PortSet.Range(first, last));

    public PortSet Ports(Protocol protocol) => protocol switch
    {
        Protocol.TCP => tcp,
        Protocol.UDP => udp,
        Protocol.SCTP => sctp,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
    };

    public bool Allows(Protocol protocol, int port) => Ports(protocol).Contains(port);

    public ConnectionSet Union(ConnectionSet other)
    {
        if (IsAll || other.IsEmpty || ReferenceEquals(this, other))
        {
            return this;
        }

        if (other.IsAll || IsEmpty)
        {
            return other;
        }

        return new ConnectionSet(false, tcp.Union(other.tcp), udp.Union(other.udp), sctp.Union(other.sctp));
    }

    public ConnectionSet Intersect(ConnectionSet other)
    {
        if (other.IsAll || IsEmpty || ReferenceEquals(this, other))
        {
            return this;
        }

        if (IsAll || other.IsEmpty)
        {
            return other;
        }

        var result = new ConnectionSet(false, tcp.Intersect(other.tcp), udp.Intersect(other.udp), sctp.Intersect(other.sctp));
        return result.IsEmpty ? None : result;
    }

    public bool Equals(ConnectionSet? other) =>
        other is not null && (ReferenceEquals(this, other) ||
                              (IsAll == other.IsAll && tcp.Equals(other.tcp) && udp.Equals(other.udp) && sctp.Equals(other.sctp)));

    public override bool Equals(object? obj) => Equals(obj as ConnectionSet);

    public override int GetHashCode() => HashCode.Combine(IsAll, tcp, udp, sctp);

    /// <summary>"All Connections", "TCP 80,443; UDP 53" or "None".</summary>
    public override string ToString() =>
        IsAll ? AllConnectionsText : IsEmpty ? "None" : string.Join("; ", Protocols);
}
