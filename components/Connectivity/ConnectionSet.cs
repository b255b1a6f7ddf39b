using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// The traffic allowed between two peers: "All Connections" (every protocol and port, including protocols a
/// NetworkPolicy port cannot name, such as ICMP) or a set of ports per TCP, UDP and SCTP, plus (only after a cluster
/// policy subtracted some ports from everything) the protocols no port can name.
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

    private ConnectionSet(bool others, PortSet tcp, PortSet udp, PortSet sctp)
    {
        AllowsOtherProtocols = others;
        IsAll = others && tcp.IsAll && udp.IsAll && sctp.IsAll;
        this.tcp = tcp;
        this.udp = udp;
        this.sctp = sctp;
    }

    public static ConnectionSet None { get; } = new(false, PortSet.Empty, PortSet.Empty, PortSet.Empty);

    public static ConnectionSet All { get; } = new(true, PortSet.All, PortSet.All, PortSet.All);

    /// <summary>Only the protocols other than TCP, UDP and SCTP.</summary>
    public static ConnectionSet OtherProtocolsOnly { get; } = new(true, PortSet.Empty, PortSet.Empty, PortSet.Empty);

    public bool IsAll { get; }

    /// <summary>Protocols other than TCP, UDP and SCTP (ICMP, ...): only a rule without ports allows them.</summary>
    public bool AllowsOtherProtocols { get; }

    public const string OtherProtocolsText = "other protocols";

    public bool IsEmpty => !AllowsOtherProtocols && tcp.IsEmpty && udp.IsEmpty && sctp.IsEmpty;

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

        return Make(AllowsOtherProtocols || other.AllowsOtherProtocols, tcp.Union(other.tcp), udp.Union(other.udp), sctp.Union(other.sctp));
    }

    /// <summary>What this set allows and the other does not.</summary>
    public ConnectionSet Subtract(ConnectionSet other)
    {
        if (other.IsEmpty || IsEmpty)
        {
            return this;
        }

        if (other.IsAll || ReferenceEquals(this, other))
        {
            return None;
        }

        return Make(AllowsOtherProtocols && !other.AllowsOtherProtocols, tcp.Subtract(other.tcp), udp.Subtract(other.udp), sctp.Subtract(other.sctp));
    }

    private static ConnectionSet Make(bool others, PortSet tcp, PortSet udp, PortSet sctp)
    {
        var result = new ConnectionSet(others, tcp, udp, sctp);
        return result.IsAll ? All : result.IsEmpty ? None : result;
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

        return Make(AllowsOtherProtocols && other.AllowsOtherProtocols, tcp.Intersect(other.tcp), udp.Intersect(other.udp), sctp.Intersect(other.sctp));
    }

    /// <summary>Everything this set does not allow (every protocol, ports included).</summary>
    public ConnectionSet Complement() => All.Subtract(this);

    /// <summary>Whether <paramref name="other"/> allows everything this set allows.</summary>
    public bool IsSubsetOf(ConnectionSet other) => Subtract(other).IsEmpty;

    public bool Equals(ConnectionSet? other) =>
        other is not null && (ReferenceEquals(this, other) ||
                              (AllowsOtherProtocols == other.AllowsOtherProtocols && tcp.Equals(other.tcp) && udp.Equals(other.udp) && sctp.Equals(other.sctp)));

    public override bool Equals(object? obj) => Equals(obj as ConnectionSet);

    public override int GetHashCode() => HashCode.Combine(AllowsOtherProtocols, tcp, udp, sctp);

    /// <summary>"All Connections", "TCP 80,443; UDP 53", "TCP 1-79,81-65535; UDP 1-65535; SCTP 1-65535; other protocols" or "None".</summary>
    public override string ToString() =>
        IsAll ? AllConnectionsText : IsEmpty ? "None" : string.Join("; ", Protocols.Select(p => p.ToString()).Concat(AllowsOtherProtocols ? [OtherProtocolsText] : []));
}
