using System.CommandLine;
using Palisade.Components.Connectivity;
using Palisade.Components.Diagnostics;

namespace Palisade.Infra.Cli;

/// <summary>What the command line says about the enforcing dataplane and the address ranges it needs.</summary>
internal sealed record ProfileRequest(string Cni = "upstream", IReadOnlyList<string>? PodCidrs = null, IReadOnlyList<string>? NodeCidrs = null,
    bool PlatformEndpoints = false)
{
    public static ProfileRequest Upstream { get; } = new();

    /// <summary>Nothing was asked for: the upstream dataplane, no ranges, no named endpoints.</summary>
    public bool IsDefault => Cni == Upstream.Cni && (PodCidrs ?? []).Count == 0 && (NodeCidrs ?? []).Count == 0 && !PlatformEndpoints;

    /// <exception cref="InputError">An unknown dataplane or a malformed CIDR, naming the option.</exception>
    public EnforcementProfile Build() =>
        ProfileOptions.Profile(Cni, PodCidrs ?? []) with
        {
            NodeRanges = ProfileOptions.Ranges("--node-cidr", NodeCidrs ?? [], "Pass the range the nodes have addresses in, e.g. --node-cidr 10.20.0.0/20"),
            Named = PlatformEndpoints ? Palisade.Components.ZeroTrust.PlatformEndpoints.Ranges : [],
        };
}

/// <summary>
/// The options <c>connectivity</c> and <c>explain</c> share: <c>--cni</c>, <c>--pod-cidr</c>, <c>--node-cidr</c> and
/// <c>--platform-endpoints</c>, declared and parsed once.
/// </summary>
internal sealed class ProfileOptions
{
    private readonly Option<string> cni = new("--cni")
    {
        Description = "The dataplane that enforces the policies: upstream (default), eks-vpc-cni, cilium or calico; under eks-vpc-cni and calico an ipBlock that holds the pod addresses also matches the pods, under cilium no ipBlock matches the nodes",
        DefaultValueFactory = _ => "upstream",
    };

    private readonly Option<string[]> podCidr = new("--pod-cidr")
    {
        Description = "An address range pods get their addresses from (repeatable); for eks-vpc-cni the VPC CIDR or the node subnets",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string[]> nodeCidr = new("--node-cidr")
    {
        Description = "An address range the nodes have (repeatable); its addresses are reported as the peer 'nodes'",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<bool> platformEndpoints = new("--platform-endpoints")
    {
        Description = "Report node-local DNS (169.254.20.10), the cloud metadata addresses and the EKS Pod Identity agent as peers of their own, by name",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(cni);
        command.Options.Add(podCidr);
        command.Options.Add(nodeCidr);
        command.Options.Add(platformEndpoints);
    }

    public ProfileRequest Read(ParseResult parse) => new(
        parse.GetValue(cni) ?? "upstream", parse.GetValue(podCidr) ?? [], parse.GetValue(nodeCidr) ?? [], parse.GetValue(platformEndpoints));

    /// <exception cref="InputError">An unknown dataplane or a malformed CIDR.</exception>
    internal static EnforcementProfile Profile(string cni, IReadOnlyList<string> podCidrs)
    {
        if (!EnforcementProfile.Names.TryGetValue(cni, out var profile))
        {
            throw new InputError("--cni", $"unknown dataplane '{cni}'", $"Use one of: {string.Join(", ", EnforcementProfile.Names.Keys)}");
        }

        return new EnforcementProfile(profile, Ranges("--pod-cidr", podCidrs, "Pass the range pods get addresses from, e.g. --pod-cidr 10.20.0.0/16"));
    }

    /// <exception cref="InputError">A malformed CIDR, naming the option.</exception>
    internal static IReadOnlyList<AddressRange> Ranges(string option, IReadOnlyList<string> cidrs, string fix)
    {
        var ranges = new List<AddressRange>();
        foreach (var text in cidrs)
        {
            if (!Cidr.TryParse(text, out var range, out var problem))
            {
                throw new InputError(option, problem, fix);
            }

            ranges.Add(range);
        }

        return ranges;
    }
}
