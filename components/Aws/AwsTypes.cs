namespace Palisade.Components.Aws;

/// <summary>Pulumi type tokens of the AWS resources and functions the synthesizer emits (reference: resource-types.md §3).</summary>
internal static class AwsTypes
{
    public const string PackageVersion = "7.48.0";

    public const string Provider = "pulumi:providers:aws";
    public const string EksCluster = "aws:eks/cluster:Cluster";
    public const string EksNodeGroup = "aws:eks/nodeGroup:NodeGroup";
    public const string EksAddon = "aws:eks/addon:Addon";
    public const string OpenIdConnectProvider = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";
    public const string IamRole = "aws:iam/role:Role";
    public const string IamPolicy = "aws:iam/policy:Policy";
    public const string RolePolicyAttachment = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
    public const string RolePolicy = "aws:iam/rolePolicy:RolePolicy";
    public const string KmsKey = "aws:kms/key:Key";
    public const string LaunchTemplate = "aws:ec2/launchTemplate:LaunchTemplate";
    public const string WebAcl = "aws:wafv2/webAcl:WebAcl";

    public const string GetPolicyDocument = "aws:iam/getPolicyDocument:getPolicyDocument";

    public const string ManagedPolicyPrefix = "arn:aws:iam::aws:policy/";
}
