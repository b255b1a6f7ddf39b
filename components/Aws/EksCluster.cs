using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.Naming;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Aws;

/// <summary>
/// The arguments of an <see cref="EksCluster"/>: where it runs (region and subnets) is required; everything else has a
/// secure default — private endpoint only, every control-plane log, secrets envelope-encrypted, a managed node group
/// with IMDSv2 only, NetworkPolicy enforcement on.
/// </summary>
public sealed record EksClusterArgs
{
    /// <summary>The region of the cluster (the AWS provider's), which the kubeconfig's <c>aws eks get-token</c> names.</summary>
    public required string Region { get; init; }

    /// <summary>Existing private subnets in at least two availability zones, for the control plane's interfaces and the nodes.</summary>
    public required IReadOnlyList<string> SubnetIds { get; init; }

    /// <summary>Who may reach the public API endpoint.</summary>
    /// <remarks>Default: nobody — the public endpoint is off and the API is reached only through the private endpoint in the VPC.</remarks>
    public IReadOnlyList<string> PublicAccessCidrs { get; init; } = [];

    /// <summary>Security groups for the control plane's network interfaces besides the one EKS creates (<c>vpcConfig.securityGroupIds</c>).</summary>
    /// <remarks>Default: none — only the cluster security group EKS creates.</remarks>
    public IReadOnlyList<string> AdditionalSecurityGroupIds { get; init; } = [];

    /// <summary>The EKS cluster's name, which also qualifies its IAM roles and node group names.</summary>
    /// <remarks>Default: the component's name.</remarks>
    public string? ClusterName { get; init; }

    /// <summary>The Kubernetes minor version (<c>upgradePolicy.supportType: STANDARD</c> refuses billed extended support).</summary>
    /// <remarks>Default: <see cref="EksCluster.DefaultKubernetesVersion"/>.</remarks>
    public string KubernetesVersion { get; init; } = EksCluster.DefaultKubernetesVersion;

    /// <summary>The vpc-cni add-on version, pinned so a create does not resolve whatever is current.</summary>
    /// <remarks>Default: <see cref="EksCluster.DefaultVpcCniVersion"/>.</remarks>
    public string VpcCniVersion { get; init; } = EksCluster.DefaultVpcCniVersion;

    /// <summary>The network policy agent logs every allowed and denied connection.</summary>
    /// <remarks>Default: false.</remarks>
    public bool PolicyEventLogs { get; init; }

    /// <summary>VPC CNI strict mode: a new pod starts deny-all instead of open until its policies are programmed.</summary>
    /// <remarks>Default: false (standard mode), because strict mode also isolates the platform's own pods until policies admit them.</remarks>
    public bool StrictPolicyEnforcement { get; init; }

    /// <summary>EKS deletion protection plus Pulumi <c>protect</c> on the cluster and its KMS key.</summary>
    /// <remarks>Default: false.</remarks>
    public bool DeletionProtection { get; init; }

    /// <summary>Installs the <c>eks-pod-identity-agent</c> add-on, for tiers that get their roles through EKS Pod Identity.</summary>
    /// <remarks>Default: false (IRSA needs no agent).</remarks>
    public bool PodIdentityAgent { get; init; }

    /// <summary>The Service range, made explicit so the API server's ClusterIP (its first host) is known.</summary>
    /// <remarks>Default: none — EKS picks 172.20.0.0/16 or 10.100.0.0/16.</remarks>
    public string? ServiceIpv4Cidr { get; init; }

    /// <summary>The managed node group the cluster creates with its node role (named like the cluster component).</summary>
    /// <remarks>Default: one group with <see cref="EksNodeGroupOptions"/>' defaults; null creates none (add <see cref="EksManagedNodeGroup"/>s).</remarks>
    public EksNodeGroupOptions? DefaultNodeGroup { get; init; } = new();

    /// <summary>IAM principals besides the creator that get cluster-admin through an access entry.</summary>
    /// <remarks>Default: none.</remarks>
    public IReadOnlyList<string> AdminPrincipalArns { get; init; } = [];

    /// <summary>Tags on every taggable AWS resource of the cluster and its node groups.</summary>
    /// <remarks>Default: none.</remarks>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The logical name of the Kubernetes provider built from the cluster's kubeconfig.</summary>
    /// <remarks>Default: <c>&lt;name&gt;-k8s</c>.</remarks>
    public string? KubernetesProviderName { get; init; }
}

/// <summary>
/// An EKS cluster with NetworkPolicy enforcement on, built from raw <c>aws:</c> resources so every setting is explicit:
/// cluster and node IAM roles, a KMS key for secrets encryption, the cluster (private endpoint on, public endpoint
/// limited to the configured CIDRs, every control-plane log type), a managed node group
/// (<see cref="EksManagedNodeGroup"/>), the vpc-cni add-on with <c>"enableNetworkPolicy": "true"</c>, the IAM OIDC
/// provider for IRSA, and a Kubernetes provider built from the cluster's outputs (cloud-wiring.md §1, §3, §6). The
/// Kubernetes provider depends on the default node group and the add-on, so nothing is deployed into the cluster before
/// NetworkPolicies are enforced. Every child's logical name starts with the component's name
/// (<c>&lt;name&gt;-cluster</c>, <c>&lt;name&gt;-cluster-role</c>, ...), so clusters with different names never collide.
/// </summary>
public sealed class EksCluster
{
    public const string ComponentType = "palisade:aws:EksCluster";

    /// <summary>In standard support at release (EKS 1.33 left standard support on 2026-07-29).</summary>
    public const string DefaultKubernetesVersion = "1.35";

    /// <summary>
    /// The vpc-cni add-on version, pinned so a create does not resolve whatever is current; at least 1.21, which the
    /// EKS ClusterNetworkPolicy guardrails need (EKS user guide, "cni-network-policy-configure").
    /// </summary>
    public const string DefaultVpcCniVersion = "v1.22.3-eksbuild.1";

    public static readonly IReadOnlyList<string> ControlPlaneLogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

    private EksCluster(Component component, Resource aws, EksClusterArgs args, string name, Resource cluster, Resource nodeRole,
        IReadOnlyList<Resource> nodeRolePolicies)
    {
        Component = component;
        AwsProvider = aws;
        Args = args;
        Name = name;
        Cluster = cluster;
        NodeRole = nodeRole;
        NodeRolePolicies = nodeRolePolicies;
    }

    public Component Component { get; }
    public Resource AwsProvider { get; }
    public EksClusterArgs Args { get; }

    /// <summary>The EKS cluster's name, which qualifies every account-scoped name of the cluster.</summary>
    public string Name { get; }

    public Resource Cluster { get; }

    /// <summary>The IAM role the cluster's managed node groups run as, with the worker, CNI and ECR read policies.</summary>
    public Resource NodeRole { get; }

    /// <summary>The node role's policy attachments, which a node group waits for.</summary>
    public IReadOnlyList<Resource> NodeRolePolicies { get; }

    /// <summary>The default node group, unless <see cref="EksClusterArgs.DefaultNodeGroup"/> is null.</summary>
    public EksManagedNodeGroup? DefaultNodeGroup { get; private set; }

    /// <summary>The default node group's <c>aws:eks/nodeGroup</c> resource.</summary>
    public Resource? NodeGroup => DefaultNodeGroup?.NodeGroup;

    public Resource VpcCni { get; private set; } = null!;

    /// <summary>The <c>eks-pod-identity-agent</c> add-on, when tiers get their roles through EKS Pod Identity.</summary>
    public Resource? PodIdentityAgent { get; private set; }

    /// <summary>The IAM OIDC provider IRSA trust policies federate with (<c>${...arn}</c>).</summary>
    public Resource OidcProvider { get; private set; } = null!;

    /// <summary>The cluster's OIDC issuer without <c>https://</c>: the prefix of the IRSA condition keys.</summary>
    public VariableRef IssuerHost { get; private set; } = null!;

    /// <summary>The program variable holding the kubeconfig (JSON) of the cluster.</summary>
    public VariableRef Kubeconfig { get; private set; } = null!;

    /// <summary>The Kubernetes provider every Kubernetes resource in the cluster must use.</summary>
    public Resource KubernetesProvider { get; private set; } = null!;

    public OutputRef ClusterName => Cluster.Output("name", Name);

    /// <summary>
    /// The vpc-cni add-on configuration: NetworkPolicy enforcement on (string "true"), optional policy event logs, and
    /// with strict enforcement the aws-node env <c>NETWORK_POLICY_ENFORCING_MODE: strict</c>, so a new pod starts
    /// deny-all instead of open until its policies are programmed (amazon-vpc-cni-k8s README, "Policy enforcement at
    /// Pod startup").
    /// </summary>
    public static MapValue VpcCniConfiguration(bool policyEventLogs, bool strict = false) => new MapBuilder
    {
        { "enableNetworkPolicy", "true" },
        { "env", strict ? new MapBuilder { { "NETWORK_POLICY_ENFORCING_MODE", "strict" } }.Build() : null },
        { "nodeAgent", policyEventLogs ? new MapBuilder { { "enablePolicyEventLogs", "true" } }.Build() : null },
    };

    /// <param name="name">The component's name, which every child's logical name starts with (the stacks use <c>eks</c>).</param>
    public static EksCluster Create(ResourceGraph graph, Component parent, string name, Resource aws, EksClusterArgs args)
    {
        if (args.SubnetIds.Count == 0)
        {
            throw new ArgumentException($"EKS cluster '{name}' needs subnets (SubnetIds) in at least two availability zones.", nameof(args));
        }

        var clusterName = args.ClusterName ?? name;
        var component = graph.AddComponent(parent, ComponentType, name);
        var awsOptions = new ResourceOptions { Provider = aws };
        var tags = OptionalMap.Of(args.Tags);

        var clusterRole = graph.AddResource(component, AwsTypes.IamRole, component.ChildName("cluster-role"), new MapBuilder
        {
            { "name", CloudNames.Qualified(CloudNames.AwsIamRole, clusterName, "cluster") },
            { "assumeRolePolicy", IamDocuments.ServiceTrust("eks.amazonaws.com") },
            { "tags", tags },
        }, awsOptions);
        var clusterPolicy = graph.AddResource(component, AwsTypes.RolePolicyAttachment, component.ChildName("cluster-role-policy"), new MapBuilder
        {
            { "role", clusterRole.Output("name") },
            { "policyArn", AwsTypes.ManagedPolicyPrefix + "AmazonEKSClusterPolicy" },
        }, awsOptions);

        var nodeRole = graph.AddResource(component, AwsTypes.IamRole, component.ChildName("node-role"), new MapBuilder
        {
            { "name", CloudNames.Qualified(CloudNames.AwsIamRole, clusterName, "node") },
            { "assumeRolePolicy", IamDocuments.ServiceTrust("ec2.amazonaws.com") },
            { "tags", tags },
        }, awsOptions);
        var nodePolicies = new[]
            {
                ("worker", "AmazonEKSWorkerNodePolicy"),
                ("cni", "AmazonEKS_CNI_Policy"),
                ("ecr", "AmazonEC2ContainerRegistryReadOnly"),
            }
            .Select(p => graph.AddResource(component, AwsTypes.RolePolicyAttachment, component.ChildName($"node-role-{p.Item1}"), new MapBuilder
            {
                { "role", nodeRole.Output("name") },
                { "policyArn", AwsTypes.ManagedPolicyPrefix + p.Item2 },
            }, awsOptions))
            .ToList();

        var key = graph.AddResource(component, AwsTypes.KmsKey, component.ChildName("secrets-key"), new MapBuilder
        {
            { "description", $"Envelope encryption of Kubernetes secrets in EKS cluster {clusterName}" },
            { "enableKeyRotation", true },
            { "tags", tags },
        }, awsOptions with { Protect = args.DeletionProtection });

        var publicEndpoint = args.PublicAccessCidrs.Count > 0;
        var cluster = graph.AddResource(component, AwsTypes.EksCluster, component.ChildName("cluster"), new MapBuilder
        {
            { "name", clusterName },
            { "version", args.KubernetesVersion },
            { "upgradePolicy", new MapBuilder { { "supportType", "STANDARD" } }.Build() },
            { "roleArn", clusterRole.Output("arn") },
            {
                "vpcConfig", new MapBuilder
                {
                    { "subnetIds", ListValue.OfStrings(args.SubnetIds) },
                    { "securityGroupIds", args.AdditionalSecurityGroupIds.Count == 0 ? null : ListValue.OfStrings(args.AdditionalSecurityGroupIds) },
                    { "endpointPrivateAccess", true },
                    { "endpointPublicAccess", publicEndpoint },
                    { "publicAccessCidrs", publicEndpoint ? ListValue.OfStrings(args.PublicAccessCidrs) : null },
                }.Build()
            },
            { "kubernetesNetworkConfig", args.ServiceIpv4Cidr is null ? null : new MapBuilder { { "serviceIpv4Cidr", args.ServiceIpv4Cidr } }.Build() },
            { "accessConfig", new MapBuilder { { "authenticationMode", "API" }, { "bootstrapClusterCreatorAdminPermissions", true } }.Build() },
            { "enabledClusterLogTypes", ListValue.OfStrings(ControlPlaneLogTypes) },
            {
                "encryptionConfig", new MapBuilder
                {
                    { "provider", new MapBuilder { { "keyArn", key.Output("arn") } }.Build() },
                    { "resources", ListValue.Of("secrets") },
                }.Build()
            },
            { "deletionProtection", args.DeletionProtection },
            { "tags", tags },
        }, awsOptions with { DependsOn = [clusterPolicy], Protect = args.DeletionProtection });

        var eks = new EksCluster(component, aws, args, clusterName, cluster, nodeRole, nodePolicies);
        eks.DefaultNodeGroup = args.DefaultNodeGroup is { } nodes
            ? EksManagedNodeGroup.Create(graph, name, new EksManagedNodeGroupArgs(nodes, eks))
            : null;

        eks.VpcCni = graph.AddResource(component, AwsTypes.EksAddon, component.ChildName("vpc-cni"), new MapBuilder
        {
            { "clusterName", eks.ClusterName },
            { "addonName", "vpc-cni" },
            { "addonVersion", args.VpcCniVersion },
            { "configurationValues", new FunctionCall("toJSON", VpcCniConfiguration(args.PolicyEventLogs, args.StrictPolicyEnforcement)) },
            { "resolveConflictsOnCreate", "OVERWRITE" },
            { "resolveConflictsOnUpdate", "OVERWRITE" },
            { "tags", tags },
        }, awsOptions);

        // The agent is a host-network DaemonSet serving 169.254.170.23:80 on every node. Its version is left to EKS (the
        // default for the cluster's Kubernetes version), which the add-on resolves at create time.
        eks.PodIdentityAgent = args.PodIdentityAgent
            ? graph.AddResource(component, AwsTypes.EksAddon, component.ChildName("pod-identity-agent"), new MapBuilder
            {
                { "clusterName", eks.ClusterName },
                { "addonName", "eks-pod-identity-agent" },
                { "resolveConflictsOnCreate", "OVERWRITE" },
                { "resolveConflictsOnUpdate", "OVERWRITE" },
                { "tags", tags },
            }, awsOptions with { DependsOn = eks.NodeGroup is { } group ? [group] : [] })
            : null;

        var issuer = cluster.Output("identities[0].oidcs[0].issuer");
        eks.OidcProvider = graph.AddResource(component, AwsTypes.OpenIdConnectProvider, component.ChildName("oidc-provider"), new MapBuilder
        {
            { "url", issuer },
            { "clientIdLists", ListValue.Of("sts.amazonaws.com") },
            { "tags", tags },
        }, awsOptions);
        eks.IssuerHost = graph.AddVariable(component.ChildName("oidc-issuer-host"),
            new FunctionCall("select", ListValue.Of(1, new FunctionCall("split", ListValue.Of("https://", issuer)))));

        eks.Kubeconfig = graph.AddVariable(component.ChildName("kubeconfig"), new FunctionCall("toJSON", KubeconfigOf(cluster, args.Region, eks.ClusterName)));
        IReadOnlyList<Resource> ready = [.. eks.NodeGroup is { } nodeGroup ? [nodeGroup] : Array.Empty<Resource>(), eks.VpcCni,
            .. eks.PodIdentityAgent is { } agent ? [agent] : Array.Empty<Resource>()];
        eks.KubernetesProvider = ClusterProvider.FromKubeconfig(graph, component, eks.Kubeconfig, ready,
            args.KubernetesProviderName ?? component.ChildName("k8s"));
        EksClusterAdmins.Add(graph, eks, args.AdminPrincipalArns);
        return eks;
    }

    /// <summary>The kubeconfig pulumi-eks generates: the cluster endpoint and CA, and an exec user running <c>aws eks get-token</c>.</summary>
    public static MapValue KubeconfigOf(Resource cluster, string region, Value clusterName) => Kubernetes.Kubeconfig.Build(new KubeconfigArgs
    {
        Server = cluster.Output("endpoint"),
        CertificateAuthorityData = cluster.Output("certificateAuthority.data"),
        ClusterEntryName = "kubernetes",
        ContextName = "aws",
        Exec = new KubeconfigExec
        {
            Command = "aws",
            Args = ["--region", region, "eks", "get-token", "--cluster-name", clusterName, "--output", "json"],
        },
    });
}
