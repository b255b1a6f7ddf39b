namespace Palisade.Components.Kubernetes;

/// <summary>Transport protocols a NetworkPolicy port can name.</summary>
public enum Protocol
{
    TCP,
    UDP,
    SCTP,
}

internal static class ProtocolNames
{
    public static bool TryParse(string text, out Protocol protocol) =>
        Enum.TryParse(text, ignoreCase: false, out protocol) && Enum.IsDefined(protocol);
}
