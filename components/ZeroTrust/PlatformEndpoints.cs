using System.Net;
using Palisade.Components.Connectivity;

namespace Palisade.Components.ZeroTrust;

/// <summary>
/// Platform endpoints pods reach by address rather than by selector, named so that results and checks speak about
/// them: node-local DNS, the cloud metadata addresses and the EKS Pod Identity agent.
/// </summary>
internal static class PlatformEndpoints
{
    public static readonly IPAddress NodeLocalDns = IPAddress.Parse("169.254.20.10");

    /// <summary>The named endpoints, by address.</summary>
    public static IReadOnlyList<(string Name, IPAddress Address)> All { get; } =
    [
        ("node-local-dns", NodeLocalDns),
        ("cloud-metadata", MetadataAddress.Address),
        ("gke-metadata-server", MetadataAddress.GkeMetadataServer),
        ("eks-pod-identity-agent", MetadataAddress.EksPodIdentityAgent),
    ];

    /// <summary>The endpoints as named ranges for an enforcement profile.</summary>
    public static IReadOnlyList<NamedRange> Ranges { get; } =
        All.Select(e => new NamedRange(e.Name, AddressRange.Single(e.Address))).ToList();

    /// <summary>"cloud-metadata 169.254.169.254" for a named endpoint, the address alone otherwise.</summary>
    public static string Describe(IPAddress address) =>
        All.FirstOrDefault(e => e.Address.Equals(address)).Name is { } name ? $"{name} {address}" : address.ToString();
}
