using Palisade.Components.Graph;
using Palisade.Components.Naming;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Aws;

public sealed record EksClusterArgs(
    string Name,
    string KubernetesVersion,
    string Region,
    IReadOnlyList<string> SubnetIds,
    IReadOnlyList<string> PublicAccessCidrs,
    Value NodeInstanceType,
    int NodeMinSize,
    int NodeDesiredSize,
    int NodeMaxSize,
    bool PolicyEventLogs,
    bool DeletionProtection,
    string VpcCniVersion = EksCluster.DefaultVpcCniVersion,
    bool PodIdentityAgent = false,
    bool StrictPolicyEnforcement = false,
    string? ServiceIpv4Cidr = null);

/// <summary>
/// An EKS cluster with NetworkPolicy enforcement on, built from raw <c>aws:</c> resources so every setting is explicit:
/// cluster and node IAM roles, a KMS key for secrets encryption, the cluster (private endpoint on, public endpoint
/// limited to the configured CIDRs, every control-plane log type), a managed node group, the vpc-cni add-on with
/// <c>"enableNetworkPolicy": "true"</c>, the IAM OIDC provider for IRSA, and a Kubernetes provider built from the
/// cluster's outputs (cloud-wiring.md §1, §3, §6). The Kubernetes provider depends on the node group and the add-on,
/// so nothing is deployed into the cluster before NetworkPolicies are enforced.
/// </summary>
public sealed class EksCluster
{
    public const string ComponentType = "palisade:aws:EksCluster";
    public const string ClusterLogicalName = "eks-cluster";
    public const string IssuerHostVariable = "eks-oidc-issuer-host";
    public const string KubeconfigVariable = "eks-kubeconfig";

    /// <summary>
    /// The vpc-cni add-on version, pinned so a create does not resolve whatever is current; at least 1.21, which the
    /// EKS ClusterNetworkPolicy guardrails need (EKS user guide, "cni-network-policy-configure").
    /// </summary>
    public const string DefaultVpcCniVersion = "v1.22.3-eksbuild.1";

    public static readonly IReadOnlyList<string> ControlPlaneLogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

    private EksCluster(Component component, Resource aws, Resource cluster, Resource nodeGroup, Resource vpcCni,
        Resource oidcProvider, VariableRef issuerHost, Resource kubernetesProvider, Resource? podIdentityAgent)
    {
        PodIdentityAgent = podIdentityAgent;
        Component = component;
        AwsProvider = aws;
        Cluster = cluster;
        NodeGroup = nodeGroup;
        VpcCni = vpcCni;
        OidcProvider = oidcProvider;
        IssuerHost = issuerHost;
        KubernetesProvider = kubernetesProvider;
    }

    public Component Component { get; }
    public Resource AwsProvider { get; }
    public Resource Cluster { get; }
    public Resource NodeGroup { get; }
    public Resource VpcCni { get; }

    /// <summary>The <c>eks-pod-identity-agent</c> add-on, when tiers get their roles through EKS Pod Identity.</summary>
    public Resource? PodIdentityAgent { get; }

    /// <summary>The IAM OIDC provider IRSA trust policies federate with (<c>${...arn}</c>).</summary>
    public Resource OidcProvider { get; }

    /// <summary>The cluster's OIDC issuer without <c>https://</c>: the prefix of the IRSA condition keys.</summary>
    public VariableRef IssuerHost { get; }

    /// <summary>The Kubernetes provider every Kubernetes resource of the stack must use.</summary>
    public Resource KubernetesProvider { get; }

    public OutputRef ClusterName => Cluster.Output("name", Args.Name);

    public EksClusterArgs Args { get; private init; } = null!;

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

    public static EksCluster Create(ResourceGraph graph, Component parent, Resource aws, EksClusterArgs args)
    {
        var component = graph.AddComponent(parent, ComponentType, args.Name);
        var awsOptions = new ResourceOptions { Provider = aws };

        var clusterRole = graph.AddResource(component, AwsTypes.IamRole, "eks-cluster-role", new MapBuilder
        {
            { "name", CloudNames.Qualified(CloudNames.AwsIamRole, args.Name, "cluster") },
            { "assumeRolePolicy", IamDocuments.ServiceTrust("eks.amazonaws.com") },
        }, awsOptions);
        var clusterPolicy = graph.AddResource(component, AwsTypes.RolePolicyAttachment, "eks-cluster-role-policy", new MapBuilder
        {
            { "role", clusterRole.Output("name") },
            { "policyArn", AwsTypes.ManagedPolicyPrefix + "AmazonEKSClusterPolicy" },
        }, awsOptions);

        var nodeRole = graph.AddResource(component, AwsTypes.IamRole, "eks-node-role", new MapBuilder
        {
            { "name", CloudNames.Qualified(CloudNames.AwsIamRole, args.Name, "node") },
            { "assumeRolePolicy", IamDocuments.ServiceTrust("ec2.amazonaws.com") },
        }, awsOptions);
        var nodePolicies = new[]
            {
                ("worker", "AmazonEKSWorkerNodePolicy"),
                ("cni", "AmazonEKS_CNI_Policy"),
                ("ecr", "AmazonEC2ContainerRegistryReadOnly"),
            }
            .Select(p => graph.AddResource(component, AwsTypes.RolePolicyAttachment, $"eks-node-role-{p.Item1}", new MapBuilder
            {
                { "role", nodeRole.Output("name") },
                { "policyArn", AwsTypes.ManagedPolicyPrefix + p.Item2 },
            }, awsOptions))
            .ToList();

        var key = graph.AddResource(component, AwsTypes.KmsKey, "eks-secrets-key", new MapBuilder
        {
            { "description", $"Envelope encryption of Kubernetes secrets in EKS cluster {args.Name}" },
            { "enableKeyRotation", true },
        }, awsOptions with { Protect = args.DeletionProtection });

        var cluster = graph.AddResource(component, AwsTypes.EksCluster, ClusterLogicalName, new MapBuilder
        {
            { "name", args.Name },
            { "version", args.KubernetesVersion },
            { "upgradePolicy", new MapBuilder { { "supportType", "STANDARD" } }.Build() },
            { "roleArn", clusterRole.Output("arn") },
            {
                "vpcConfig", new MapBuilder
                {
                    { "subnetIds", ListValue.OfStrings(args.SubnetIds) },
                    { "endpointPrivateAccess", true },
                    { "endpointPublicAccess", true },
                    { "publicAccessCidrs", ListValue.OfStrings(args.PublicAccessCidrs) },
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
        }, awsOptions with { DependsOn = [clusterPolicy], Protect = args.DeletionProtection });

        // Defence in depth (cloud-wiring.md §3): IMDSv2 only, one hop, so containers cannot reach the node's
        // instance metadata and its role even where no NetworkPolicy blocks 169.254.169.254. IRSA pods never need it.
        var launchTemplate = graph.AddResource(component, AwsTypes.LaunchTemplate, "eks-node-launch-template", new MapBuilder
        {
            { "name", $"{args.Name}-nodes" },
            { "description", $"Nodes of EKS cluster {args.Name}: IMDSv2 only, hop limit 1" },
            {
                "metadataOptions", new MapBuilder
                {
                    { "httpEndpoint", "enabled" },
                    { "httpTokens", "required" },
                    { "httpPutResponseHopLimit", 1 },
                }.Build()
            },
        }, awsOptions);

        var nodeGroup = graph.AddResource(component, AwsTypes.EksNodeGroup, "eks-nodes", new MapBuilder
        {
            {
                "launchTemplate", new MapBuilder
                {
                    { "id", launchTemplate.Output("id") },
                    { "version", new FunctionCall("toJSON", launchTemplate.Output("latestVersion")) },
                }.Build()
            },
            { "clusterName", cluster.Output("name", args.Name) },
            { "nodeGroupName", $"{args.Name}-nodes" },
            { "nodeRoleArn", nodeRole.Output("arn") },
            { "subnetIds", ListValue.OfStrings(args.SubnetIds) },
            { "instanceTypes", ListValue.Of(args.NodeInstanceType) },
            { "capacityType", "ON_DEMAND" },
            {
                "scalingConfig", new MapBuilder
                {
                    { "minSize", args.NodeMinSize },
                    { "desiredSize", args.NodeDesiredSize },
                    { "maxSize", args.NodeMaxSize },
                }.Build()
            },
        }, awsOptions with { DependsOn = nodePolicies });

        var vpcCni = graph.AddResource(component, AwsTypes.EksAddon, "eks-vpc-cni", new MapBuilder
        {
            { "clusterName", cluster.Output("name", args.Name) },
            { "addonName", "vpc-cni" },
            { "addonVersion", args.VpcCniVersion },
            { "configurationValues", new FunctionCall("toJSON", VpcCniConfiguration(args.PolicyEventLogs, args.StrictPolicyEnforcement)) },
            { "resolveConflictsOnCreate", "OVERWRITE" },
            { "resolveConflictsOnUpdate", "OVERWRITE" },
        }, awsOptions);

        // The agent is a host-network DaemonSet serving 169.254.170.23:80 on every node. Its version is left to EKS (the
        // default for the cluster's Kubernetes version), which the add-on resolves at create time.
        var podIdentityAgent = args.PodIdentityAgent
            ? graph.AddResource(component, AwsTypes.EksAddon, "eks-pod-identity-agent", new MapBuilder
            {
                { "clusterName", cluster.Output("name", args.Name) },
                { "addonName", "eks-pod-identity-agent" },
                { "resolveConflictsOnCreate", "OVERWRITE" },
                { "resolveConflictsOnUpdate", "OVERWRITE" },
            }, awsOptions with { DependsOn = [nodeGroup] })
            : null;

        var issuer = cluster.Output("identities[0].oidcs[0].issuer");
        var oidc = graph.AddResource(component, AwsTypes.OpenIdConnectProvider, "eks-oidc-provider", new MapBuilder
        {
            { "url", issuer },
            { "clientIdLists", ListValue.Of("sts.amazonaws.com") },
        }, awsOptions);
        var issuerHost = graph.AddVariable(IssuerHostVariable,
            new FunctionCall("select", ListValue.Of(1, new FunctionCall("split", ListValue.Of("https://", issuer)))));

        var kubeconfig = graph.AddVariable(KubeconfigVariable, new FunctionCall("toJSON", Kubeconfig(cluster, args)));
        var provider = ClusterProvider.FromKubeconfig(graph, component, kubeconfig,
            podIdentityAgent is null ? [nodeGroup, vpcCni] : [nodeGroup, vpcCni, podIdentityAgent]);

        return new EksCluster(component, aws, cluster, nodeGroup, vpcCni, oidc, issuerHost, provider, podIdentityAgent) { Args = args };
    }

    /// <summary>The kubeconfig pulumi-eks generates: the cluster endpoint and CA, and an exec user running <c>aws eks get-token</c>.</summary>
    private static MapValue Kubeconfig(Resource cluster, EksClusterArgs args) => new MapBuilder
    {
        { "apiVersion", "v1" },
        { "kind", "Config" },
        {
            "clusters", ListValue.Of(new MapBuilder
            {
                { "name", "kubernetes" },
                {
                    "cluster", new MapBuilder
                    {
                        { "server", cluster.Output("endpoint") },
                        { "certificate-authority-data", cluster.Output("certificateAuthority.data") },
                    }.Build()
                },
            }.Build())
        },
        {
            "contexts", ListValue.Of(new MapBuilder
            {
                { "name", "aws" },
                { "context", new MapBuilder { { "cluster", "kubernetes" }, { "user", "aws" } }.Build() },
            }.Build())
        },
        { "current-context", "aws" },
        {
            "users", ListValue.Of(new MapBuilder
            {
                { "name", "aws" },
                {
                    "user", new MapBuilder
                    {
                        {
                            "exec", new MapBuilder
                            {
                                { "apiVersion", "client.authentication.k8s.io/v1beta1" },
                                { "command", "aws" },
                                {
                                    "args", ListValue.Of("--region", args.Region, "eks", "get-token", "--cluster-name",
                                        cluster.Output("name", args.Name), "--output", "json")
                                },
                            }.Build()
                        },
                    }.Build()
                },
            }.Build())
        },
    };
}
