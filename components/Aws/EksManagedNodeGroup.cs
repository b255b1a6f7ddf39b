using System.Diagnostics.CodeAnalysis;
using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.Naming;

namespace Palisade.Components.Aws;

/// <summary>
/// How a managed node group's nodes look. Every value is optional; the defaults are on-demand <c>t3.medium</c> nodes,
/// one to three of them (two to start), in the cluster's subnets, without labels or taints.
/// </summary>
public record EksNodeGroupOptions
{
    public const string DefaultInstanceType = "t3.medium";

    /// <summary>The EC2 instance type (a literal or a config reference).</summary>
    /// <remarks>Default: <c>t3.medium</c>.</remarks>
    public Value InstanceType { get; init; } = DefaultInstanceType;

    /// <summary>The fewest nodes.</summary>
    /// <remarks>Default: 1.</remarks>
    public int MinSize { get; init; } = 1;

    /// <summary>The nodes to start with (the autoscaler moves it afterwards).</summary>
    /// <remarks>Default: 2.</remarks>
    public int DesiredSize { get; init; } = 2;

    /// <summary>The most nodes.</summary>
    /// <remarks>Default: 3.</remarks>
    public int MaxSize { get; init; } = 3;

    /// <summary><c>ON_DEMAND</c> or <c>SPOT</c>.</summary>
    /// <remarks>Default: <c>ON_DEMAND</c>.</remarks>
    public string CapacityType { get; init; } = "ON_DEMAND";

    /// <summary>The subnets the nodes run in.</summary>
    /// <remarks>Default: the cluster's.</remarks>
    public IReadOnlyList<string>? SubnetIds { get; init; }

    /// <summary>Kubernetes labels every node carries.</summary>
    /// <remarks>Default: none.</remarks>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Taints every node carries, so only pods that tolerate them run there.</summary>
    /// <remarks>Default: none.</remarks>
    public IReadOnlyList<NodeTaint> Taints { get; init; } = [];

    /// <summary>AWS tags on the node group and its launch template, besides the cluster's <see cref="EksClusterArgs.Tags"/>.</summary>
    /// <remarks>Default: none.</remarks>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The node group's (and its launch template's) name in EKS and EC2.</summary>
    /// <remarks>
    /// Default: <c>&lt;cluster&gt;-nodes</c> for the group named like the cluster component, else
    /// <c>&lt;cluster&gt;-&lt;suffix&gt;-nodes</c> (the component's name without the cluster component's name in front).
    /// </remarks>
    public string? NodeGroupName { get; init; }
}

/// <summary>The arguments of an <see cref="EksManagedNodeGroup"/>: the cluster it joins, and how its nodes look.</summary>
public sealed record EksManagedNodeGroupArgs : EksNodeGroupOptions
{
    public EksManagedNodeGroupArgs()
    {
    }

    [SetsRequiredMembers]
    public EksManagedNodeGroupArgs(EksNodeGroupOptions options, EksCluster cluster)
        : base(options)
    {
        Cluster = cluster;
    }

    /// <summary>The cluster the nodes join: its name, node role, subnets, AWS provider and tags.</summary>
    public required EksCluster Cluster { get; init; }
}

/// <summary>
/// An EKS managed node group (like pulumi-eks <c>ManagedNodeGroup(name, {cluster, ...})</c>): a launch template that
/// allows only IMDSv2 with one hop, so containers cannot reach the node's instance metadata and its role even where no
/// NetworkPolicy blocks 169.254.169.254 (cloud-wiring.md §3), and the node group running as the cluster's node role.
/// Its children are <c>&lt;name&gt;-nodes</c> and <c>&lt;name&gt;-node-launch-template</c>, so a second group is one
/// more component with another name.
/// </summary>
public sealed class EksManagedNodeGroup
{
    public const string ComponentType = "palisade:aws:ManagedNodeGroup";

    private EksManagedNodeGroup(Component component, Resource launchTemplate, Resource nodeGroup)
    {
        Component = component;
        LaunchTemplate = launchTemplate;
        NodeGroup = nodeGroup;
    }

    public Component Component { get; }
    public Resource LaunchTemplate { get; }
    public Resource NodeGroup { get; }

    /// <param name="name">The component's name, which its children's logical names start with.</param>
    public static EksManagedNodeGroup Create(ResourceGraph graph, string name, EksManagedNodeGroupArgs args)
    {
        if (args.MinSize < 0 || args.MinSize > args.DesiredSize || args.DesiredSize > args.MaxSize || args.MaxSize < 1)
        {
            throw new ArgumentException(
                $"Node group '{name}': sizes must satisfy 0 <= min <= desired <= max and max >= 1 (min {args.MinSize}, desired {args.DesiredSize}, max {args.MaxSize}).",
                nameof(args));
        }

        var cluster = args.Cluster;
        var component = graph.AddComponent(cluster.Component, ComponentType, name);
        var options = new ResourceOptions { Provider = cluster.AwsProvider };
        var physical = args.NodeGroupName ?? DefaultNodeGroupName(cluster, name);
        var tags = OptionalMap.Merge(cluster.Args.Tags, args.Tags);

        var launchTemplate = graph.AddResource(component, AwsTypes.LaunchTemplate, component.ChildName("node-launch-template"), new MapBuilder
        {
            { "name", physical },
            { "description", $"Nodes of EKS cluster {cluster.Name}: IMDSv2 only, hop limit 1" },
            {
                "metadataOptions", new MapBuilder
                {
                    { "httpEndpoint", "enabled" },
                    { "httpTokens", "required" },
                    { "httpPutResponseHopLimit", 1 },
                }.Build()
            },
            { "tags", tags },
        }, options);

        var nodeGroup = graph.AddResource(component, AwsTypes.EksNodeGroup, component.ChildName("nodes"), new MapBuilder
        {
            {
                "launchTemplate", new MapBuilder
                {
                    { "id", launchTemplate.Output("id") },
                    { "version", new FunctionCall("toJSON", launchTemplate.Output("latestVersion")) },
                }.Build()
            },
            { "clusterName", cluster.ClusterName },
            { "nodeGroupName", physical },
            { "nodeRoleArn", cluster.NodeRole.Output("arn") },
            { "subnetIds", ListValue.OfStrings(args.SubnetIds ?? cluster.Args.SubnetIds) },
            { "instanceTypes", ListValue.Of(args.InstanceType) },
            { "capacityType", args.CapacityType },
            {
                "scalingConfig", new MapBuilder
                {
                    { "minSize", args.MinSize },
                    { "desiredSize", args.DesiredSize },
                    { "maxSize", args.MaxSize },
                }.Build()
            },
            { "labels", OptionalMap.Of(args.Labels) },
            { "taints", NodeTaint.ToCloudList(args.Taints) },
            { "tags", tags },
        }, options with { DependsOn = cluster.NodeRolePolicies });

        return new EksManagedNodeGroup(component, launchTemplate, nodeGroup);
    }

    private static string DefaultNodeGroupName(EksCluster cluster, string name)
    {
        var stem = cluster.Component.Name;
        var suffix = name == stem ? null : name.StartsWith($"{stem}-", StringComparison.Ordinal) ? name[(stem.Length + 1)..] : name;
        return suffix is null
            ? $"{cluster.Name}-nodes"
            : CloudNames.Qualified(CloudNames.AwsEksNodeGroupName, cluster.Name, suffix, "nodes");
    }
}
