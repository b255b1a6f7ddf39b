using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>How tiers on EKS get their IAM role.</summary>
public enum AwsIdentityMechanism
{
    /// <summary>IAM Roles for Service Accounts: the SDK exchanges the projected token with STS; no link-local endpoint.</summary>
    Irsa,

    /// <summary>EKS Pod Identity: the node's agent (169.254.170.23:80) hands out the role's credentials.</summary>
    PodIdentity,
}

/// <summary>An EKS cluster the stack creates in existing private subnets, with VPC CNI NetworkPolicy enforcement.</summary>
public sealed partial record EksCloud(
    ClusterSettings Settings, string Region, IReadOnlyList<string> SubnetIds, bool PolicyEventLogs, string VpcCniVersion, string? VpcCidr,
    IReadOnlyList<string> AdminRoleArns) : CloudTarget
{
    /// <summary>The identity mechanism of tiers with a cloud identity (IRSA unless the stack chooses Pod Identity).</summary>
    public AwsIdentityMechanism Identity { get; init; } = AwsIdentityMechanism.Irsa;

    /// <summary>Interface endpoint CIDRs in the VPC that identity tiers may reach on 443.</summary>
    public IReadOnlyList<string> VpcEndpointCidrs { get; init; } = [];

    public override IReadOnlyList<string> ApiEndpointCidrs => VpcEndpointCidrs;

    /// <summary>
    /// The Service range EKS picks when none is given (172.20.0.0/16 for a VPC in 10.0.0.0/8, else 10.100.0.0/16),
    /// made explicit so the API server's ClusterIP (the range's first host) is known.
    /// </summary>
    public string ServiceCidr => VpcCidr is { } vpc && !System.Net.IPNetwork.Parse("10.0.0.0/8").Contains(System.Net.IPNetwork.Parse(vpc).BaseAddress)
        ? "10.100.0.0/16"
        : "172.20.0.0/16";

    /// <summary>
    /// VPC CNI strict mode (add-on env <c>NETWORK_POLICY_ENFORCING_MODE: strict</c>) needs the VPC's CIDR: CoreDNS
    /// forwards to the VPC resolver (its base address + 2) and the control plane calls webhooks from its interfaces in
    /// the VPC. Without <c>palisade:vpcCidr</c> the add-on stays in standard mode.
    /// </summary>
    public override StrictEnforcement? StrictEnforcement => VpcCidr is null ? null : new StrictEnforcement(
        $"{Offset(ServiceCidr, 1)}/32", [$"{Offset(VpcCidr, 2)}/32", "169.254.169.253/32"], VpcCidr);

    private static string Offset(string cidr, int by)
    {
        var bytes = System.Net.IPNetwork.Parse(cidr).BaseAddress.GetAddressBytes();
        var number = ((uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3]) + (uint)by;
        return new System.Net.IPAddress([(byte)(number >> 24), (byte)(number >> 16), (byte)(number >> 8), (byte)number]).ToString();
    }

    /// <summary>
    /// EKS Pod Identity's agent on every node: 169.254.170.23 TCP 80 (EKS user guide, "pod-id-agent-setup"). IRSA needs
    /// no link-local endpoint at all, so it has none.
    /// </summary>
    public override IdentityEndpoint? IdentityEndpoint => Identity == AwsIdentityMechanism.PodIdentity
        ? new IdentityEndpoint("EKS Pod Identity agent", $"{MetadataAddress.EksPodIdentityAgent}/32", Palisade.Components.Kubernetes.Protocol.TCP, 80)
        : null;

    public const string KindName = "aws";
    public const string RegionKey = "aws:region";

    public static CloudKind Kind { get; } = new(KindName, Read);

    public override string Name => KindName;

    public override ClusterSettings Cluster => Settings;

    /// <summary>VPC CNI gives pods VPC addresses and programs an ipBlock as a plain CIDR: one that covers the VPC matches pods.</summary>
    /// <remarks>Pods get their addresses from their node's subnet, so with the node subnets declared they are the pod ranges.</remarks>
    protected override Palisade.Components.Connectivity.EnforcementProfile Enforcing => new(Palisade.Components.Connectivity.CniProfile.EksVpcCni,
        NodeCidrs.Count > 0 ? NodeAddresses.Ranges(NodeCidrs) : VpcCidr is null ? [] : [Palisade.Components.Connectivity.Cidr.Parse(VpcCidr)]);

    /// <summary>Nodes sit in the node subnets, inside the VPC.</summary>
    public override IReadOnlyList<string> NodeAddressBound => NodeCidrs.Count > 0 ? NodeCidrs : VpcCidr is null ? [] : [VpcCidr];

    public override string NodeAssumption => NodeCidrs.Count > 0
        ? base.NodeAssumption + "; pods get their addresses in these node subnets"
        : VpcCidr is null
            ? base.NodeAssumption
            : $"palisade:nodeCidrs is not set, so nodes may have any address in the VPC {VpcCidr} outside the ALB and interface endpoint subnets: no tier may admit any of those addresses; set it to the node subnets' CIDRs to name the nodes in the matrix";

    /// <summary>A node subnet lies inside the VPC, is smaller than it, and is not an interface endpoint range.</summary>
    public override void CheckNodeCidr(SettingsReader reader, string cidr, System.Net.IPNetwork network)
    {
        if (VpcCidr is null)
        {
            throw reader.Error(ConfigSchema.NodeCidrs, "palisade:vpcCidr is not set",
                "Set palisade:vpcCidr too: the node subnets lie inside the VPC, and each node CIDR must lie in it.");
        }

        var vpc = System.Net.IPNetwork.Parse(VpcCidr);
        if (network.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || !vpc.Contains(network.BaseAddress) || network.PrefixLength <= vpc.PrefixLength)
        {
            throw reader.Error(ConfigSchema.NodeCidrs, $"'{cidr}' is not a subnet inside the VPC {VpcCidr}",
                "Give the CIDR of each node subnet (palisade:subnetIds), each smaller than the VPC.");
        }

        foreach (var endpoint in VpcEndpointCidrs.Select(System.Net.IPNetwork.Parse).Where(e => e.Contains(network.BaseAddress) || network.Contains(e.BaseAddress)))
        {
            throw reader.Error(ConfigSchema.NodeCidrs, $"'{cidr}' overlaps the interface endpoint range {endpoint} (palisade:vpcEndpointCidrs)",
                "Endpoint ranges must not be node subnets: on VPC CNI a node subnet holds pods. Fix whichever of the two is wrong.");
        }
    }

    /// <summary>One CIDR per node subnet, in the order of palisade:subnetIds.</summary>
    public override void CheckNodeCidrs(SettingsReader reader, IReadOnlyList<string> cidrs)
    {
        if (cidrs.Count > 0 && cidrs.Count != SubnetIds.Count)
        {
            throw reader.Error(ConfigSchema.NodeCidrs, $"{cidrs.Count} CIDRs for {SubnetIds.Count} node subnets",
                "List the CIDR of each node subnet, in the order of palisade:subnetIds.");
        }
    }

    public override string EnforcementAssumption => VpcCidr is null
        ? "EKS VPC CNI matches ipBlocks against pod addresses, but palisade:vpcCidr is not set, so the proof cannot place pods and the add-on stays in standard mode (a new pod is open until its policies are programmed): set it"
        : $"EKS VPC CNI gives pods addresses in {(NodeCidrs.Count > 0 ? $"the node subnets {string.Join(", ", NodeCidrs)}" : VpcCidr)} and matches ipBlocks against them; a rule that holds only part of that range is assumed to hold no pod (pods run in the node subnets). Strict mode starts every pod deny-all, so the proof isolates every pod no policy admits; platform pods reach the API server at the kubernetes Service's ClusterIP {StrictEnforcement!.ApiServerCidr} or the control plane's interfaces in the VPC on 443, and the agent admits kubelet probes from the node";

    public override string? CannotGrant(CloudIdentitySpec identity) =>
        identity.ForAws ? null : "its identity declares no AWS permissions (it is for GCP only), so on cloud aws it would be a role that can do nothing";

    /// <summary>VPC CNI 1.21+ (the pinned version is at least that) enforces networking.k8s.aws ClusterNetworkPolicies.</summary>
    public override GuardrailEnforcement Guardrails => new GuardrailEnforcement.ClusterTier(Palisade.Components.Guardrails.AwsClusterPolicyApi.Instance);

    public override FlowLogging FlowLogging => PolicyEventLogs
        ? new(true, true, "VPC CNI network policy agent event logs on every node (vpc-cni nodeAgent.enablePolicyEventLogs), /var/log/aws-routed-eni/network-policy-agent.log")
        : new(true, false, "available, off: set palisade:policyEventLogs: true for the VPC CNI network policy agent's event logs");

    /// <summary>CoreDNS, or a NodeLocal DNSCache the platform team installs; Cloud DNS is GKE's.</summary>
    public override IReadOnlyList<DnsResolver> Resolvers => [DnsResolver.KubeDns, DnsResolver.NodeLocalDns];

    [System.Text.RegularExpressions.GeneratedRegex(@"^v1\.(2[1-9]|[3-9][0-9])\.[0-9]+-eksbuild\.[0-9]+$")]
    private static partial System.Text.RegularExpressions.Regex VpcCniVersionPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/[A-Za-z0-9+=,.@_/-]{1,512}$")]
    private static partial System.Text.RegularExpressions.Regex PrincipalArnPattern();

    private static CloudTarget Read(SettingsReader reader)
    {
        var region = ProviderKeys.Required(reader, RegionKey, "the AWS region, e.g. us-east-1");
        var settings = ClusterSettings.Read(reader, "t3.medium", "the EKS public endpoint accepts IPv4 CIDRs only", ClusterSettings.DefaultKubernetesVersion);
        var subnets = reader.List(ConfigSchema.SubnetIds);
        if (subnets.Count < 2)
        {
            throw reader.Error(ConfigSchema.SubnetIds,
                subnets.Count == 0 ? "the key is required on cloud aws" : "EKS needs subnets in at least two availability zones",
                "List at least two existing private subnet ids (subnet-...) in different availability zones.");
        }

        var vpcCni = reader.String(ConfigSchema.VpcCniVersion, Components.Aws.EksCluster.DefaultVpcCniVersion);
        if (!VpcCniVersionPattern().IsMatch(vpcCni))
        {
            throw reader.Error(ConfigSchema.VpcCniVersion, $"'{SettingsReader.Excerpt(vpcCni)}' is not a vpc-cni add-on version of at least 1.21",
                "Write it as aws eks describe-addon-versions --addon-name vpc-cni prints it, e.g. v1.22.3-eksbuild.1 (1.21 or later: the guardrail policies need it).");
        }

        var vpcCidr = reader.String(ConfigSchema.VpcCidr);
        if (vpcCidr is not null)
        {
            var network = reader.Cidr(ConfigSchema.VpcCidr, vpcCidr, System.Net.Sockets.AddressFamily.InterNetwork, "a VPC's primary CIDR is IPv4");
            if (network.PrefixLength is < 16 or > 28)
            {
                throw reader.Error(ConfigSchema.VpcCidr, $"'{vpcCidr}' cannot be a VPC CIDR", "An AWS VPC's CIDR is a /16 to /28 block.");
            }
        }

        var admins = reader.List(ConfigSchema.AdminRoleArns);
        foreach (var arn in admins.Where(a => !PrincipalArnPattern().IsMatch(a)))
        {
            throw reader.Error(ConfigSchema.AdminRoleArns, $"'{SettingsReader.Excerpt(arn)}' is not an IAM role or user ARN",
                "Write it as arn:aws:iam::<account>:role/<name> (or :user/<name>).");
        }

        if (admins.Distinct(StringComparer.Ordinal).Count() != admins.Count)
        {
            throw reader.Error(ConfigSchema.AdminRoleArns, "an ARN is listed twice", "List each administrator once.");
        }

        var identity = reader.String(ConfigSchema.AwsIdentity) switch
        {
            null or "irsa" => AwsIdentityMechanism.Irsa,
            "pod-identity" => AwsIdentityMechanism.PodIdentity,
            var other => throw reader.Error(ConfigSchema.AwsIdentity, $"unknown identity mechanism '{SettingsReader.Excerpt(other)}'",
                "Use irsa (IAM Roles for Service Accounts, the default) or pod-identity (EKS Pod Identity)."),
        };

        return new EksCloud(settings, region, subnets, reader.Boolean(ConfigSchema.PolicyEventLogs, false), vpcCni, vpcCidr, admins)
        {
            Identity = identity,
            VpcEndpointCidrs = ReadEndpointCidrs(reader, vpcCidr),
        };
    }

    private static IReadOnlyList<string> ReadEndpointCidrs(SettingsReader reader, string? vpcCidr)
    {
        var cidrs = reader.List(ConfigSchema.VpcEndpointCidrs);
        if (cidrs.Count == 0)
        {
            return [];
        }

        if (vpcCidr is null)
        {
            throw reader.Error(ConfigSchema.VpcEndpointCidrs, "palisade:vpcCidr is not set",
                "Set palisade:vpcCidr too: interface endpoints have addresses inside the VPC, and each endpoint CIDR must lie in it.");
        }

        var vpc = System.Net.IPNetwork.Parse(vpcCidr);
        var seen = new List<System.Net.IPNetwork>();
        foreach (var cidr in cidrs)
        {
            var network = reader.Cidr(ConfigSchema.VpcEndpointCidrs, cidr, System.Net.Sockets.AddressFamily.InterNetwork, "VPC endpoint addresses are IPv4");
            if (!vpc.Contains(network.BaseAddress) || network.PrefixLength <= vpc.PrefixLength)
            {
                throw reader.Error(ConfigSchema.VpcEndpointCidrs, $"'{cidr}' is not inside the VPC {vpcCidr} (or is all of it)",
                    "Give the endpoints' own subnet or their network interfaces' addresses (/32): on VPC CNI a range holding pods would let identity tiers reach those pods on 443.");
            }

            foreach (var earlier in seen.Where(e => e.Contains(network.BaseAddress) || network.Contains(e.BaseAddress)))
            {
                throw reader.Error(ConfigSchema.VpcEndpointCidrs, $"'{cidr}' overlaps {earlier}", "List each endpoint range once, without overlaps.");
            }

            seen.Add(network);
        }

        return cidrs;
    }
}
