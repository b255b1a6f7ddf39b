using System.Globalization;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.ZeroTrust;

/// <summary>Resolves a rule's port (numeric or named) against the container ports a tier really exposes.</summary>
internal static class ContainerPorts
{
    /// <summary>The container port a numeric or named port with this protocol denotes on the tier, if any.</summary>
    public static ContainerPort? Find(TierSpec tier, IntOrString port, Protocol protocol) =>
        tier.Ports.FirstOrDefault(p => p.Protocol == protocol && (port.IsNamed ? p.Name == port.Name : p.Port == port.Number));

    /// <summary>What the tier exposes, for error messages: "it exposes TCP/8080 http, UDP/53".</summary>
    public static string Describe(TierSpec tier) =>
        tier.Ports.Count == 0
            ? "it exposes no container ports"
            : "it exposes " + string.Join(", ", tier.Ports.Select(Describe));

    public static string Describe(ContainerPort port) =>
        $"{port.Protocol}/{port.Port.ToString(CultureInfo.InvariantCulture)}{(port.Name is null ? string.Empty : " " + port.Name)}";
}
