using System.Net;

namespace Palisade.Components.ZeroTrust;

/// <summary>
/// The cloud instance metadata endpoint. Reaching it from a pod can yield node credentials, so no rule the
/// synthesizer emits may ever allow it.
/// </summary>
internal static class MetadataAddress
{
    public static readonly IPAddress Address = IPAddress.Parse("169.254.169.254");
    public const string Cidr = "169.254.169.254/32";

    /// <summary>
    /// The IPv4 link-local range: instance metadata, the GKE metadata server (169.254.169.252), the EKS Pod Identity
    /// agent (169.254.170.23), node-local DNS. Never "the internet", so broad external egress always excludes it.
    /// </summary>
    public const string LinkLocalCidr = "169.254.0.0/16";

    /// <summary>The GKE metadata server's address outside Dataplane V2 (Workload Identity on port 988).</summary>
    public static readonly IPAddress GkeMetadataServer = IPAddress.Parse("169.254.169.252");

    /// <summary>The EKS Pod Identity agent (TCP 80).</summary>
    public static readonly IPAddress EksPodIdentityAgent = IPAddress.Parse("169.254.170.23");

    /// <summary>The link-local addresses where pods find cloud credentials, which no pod may reach undeclared.</summary>
    public static readonly IReadOnlyList<IPAddress> CredentialAddresses = [Address, GkeMetadataServer, EksPodIdentityAgent];

    /// <summary>True when the CIDR minus its except ranges still contains the metadata address.</summary>
    public static bool IsAllowedBy(IPNetwork cidr, IEnumerable<IPNetwork> except) =>
        cidr.Contains(Address) && !except.Any(e => e.Contains(Address));
}
