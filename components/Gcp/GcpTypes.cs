namespace Palisade.Components.Gcp;

/// <summary>Pulumi type tokens of the GCP resources the synthesizer emits (reference: resource-types.md §5).</summary>
internal static class GcpTypes
{
    public const string PackageVersion = "9.37.0";

    public const string Provider = "pulumi:providers:gcp";
    public const string Cluster = "gcp:container/cluster:Cluster";
    public const string NodePool = "gcp:container/nodePool:NodePool";
    public const string ServiceAccount = "gcp:serviceaccount/account:Account";
    public const string ServiceAccountIamMember = "gcp:serviceaccount/iAMMember:IAMMember";
    public const string ProjectIamMember = "gcp:projects/iAMMember:IAMMember";
    public const string Firewall = "gcp:compute/firewall:Firewall";
    public const string GetProject = "gcp:organizations/getProject:getProject";
}
