using System.Diagnostics.CodeAnalysis;
using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.Gcp;

/// <summary>
/// How a node pool's nodes look. Every value is optional; the defaults are <c>e2-standard-2</c> machines, one to three
/// per zone (two to start), auto-repaired and auto-upgraded, without labels or taints.
/// </summary>
public record GkeNodePoolOptions
{
    public const string DefaultMachineType = "e2-standard-2";

    /// <summary>The Compute Engine machine type (a literal or a config reference).</summary>
    /// <remarks>Default: <c>e2-standard-2</c>.</remarks>
    public Value MachineType { get; init; } = DefaultMachineType;

    /// <summary>The fewest nodes per zone.</summary>
    /// <remarks>Default: 1.</remarks>
    public int MinSize { get; init; } = 1;

    /// <summary>The nodes per zone to start with.</summary>
    /// <remarks>Default: 2.</remarks>
    public int DesiredSize { get; init; } = 2;

    /// <summary>The most nodes per zone.</summary>
    /// <remarks>Default: 3.</remarks>
    public int MaxSize { get; init; } = 3;

    /// <summary>Kubernetes labels every node carries.</summary>
    /// <remarks>Default: none.</remarks>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Taints every node carries, so only pods that tolerate them run there.</summary>
    /// <remarks>Default: none.</remarks>
    public IReadOnlyList<NodeTaint> Taints { get; init; } = [];

    /// <summary>Network tags besides the cluster's node tag (<see cref="GkeCluster.NodeTag"/>, which firewall rules for the cluster's nodes target).</summary>
    /// <remarks>Default: none.</remarks>
    public IReadOnlyList<string> NetworkTags { get; init; } = [];

    /// <summary>The pool's name in GKE.</summary>
    /// <remarks>
    /// Default: <c>&lt;cluster&gt;-nodes</c> for the pool named like the cluster component, else
    /// <c>&lt;cluster&gt;-&lt;suffix&gt;-nodes</c> (the component's name without the cluster component's name in front).
    /// </remarks>
    public string? PoolName { get; init; }
}

/// <summary>The arguments of a <see cref="GkeNodePool"/>: the cluster it belongs to, and how its nodes look.</summary>
public sealed record GkeNodePoolArgs : GkeNodePoolOptions
{
    public GkeNodePoolArgs()
    {
    }

    [SetsRequiredMembers]
    public GkeNodePoolArgs(GkeNodePoolOptions options, GkeCluster cluster)
        : base(options)
    {
        Cluster = cluster;
    }

    /// <summary>The cluster the pool belongs to: its name, project, location, node service account and GCP provider.</summary>
    public required GkeCluster Cluster { get; init; }
}

/// <summary>
/// A GKE node pool (like pulumi-eks <c>ManagedNodeGroup(name, {cluster, ...})</c> for GKE): nodes that run as the
/// cluster's own node service account with the cloud-platform scope, serve pods only their own identity through the GKE
/// metadata server (<c>GKE_METADATA</c>), boot shielded (secure boot, integrity monitoring) and carry the cluster's
/// node tag. Its child is <c>&lt;name&gt;-nodes</c>, so a second pool is one more component with another name.
/// </summary>
public sealed class GkeNodePool
{
    public const string ComponentType = "palisade:gcp:NodePool";

    private GkeNodePool(Component component, Resource nodePool)
    {
        Component = component;
        NodePool = nodePool;
    }

    public Component Component { get; }
    public Resource NodePool { get; }

    /// <param name="name">The component's name, which its child's logical name starts with.</param>
    public static GkeNodePool Create(ResourceGraph graph, string name, GkeNodePoolArgs args)
    {
        if (args.MinSize < 0 || args.MinSize > args.DesiredSize || args.DesiredSize > args.MaxSize || args.MaxSize < 1)
        {
            throw new ArgumentException(
                $"Node pool '{name}': sizes must satisfy 0 <= min <= desired <= max and max >= 1 (min {args.MinSize}, desired {args.DesiredSize}, max {args.MaxSize}).",
                nameof(args));
        }

        var cluster = args.Cluster;
        var component = graph.AddComponent(cluster.Component, ComponentType, name);
        var nodePool = graph.AddResource(component, GcpTypes.NodePool, component.ChildName("nodes"), new MapBuilder
        {
            { "name", args.PoolName ?? DefaultPoolName(cluster, name) },
            { "project", cluster.Project },
            { "location", cluster.Args.Region },
            { "cluster", cluster.Cluster.Output("name", cluster.Name) },
            { "initialNodeCount", args.DesiredSize },
            { "autoscaling", new MapBuilder { { "minNodeCount", args.MinSize }, { "maxNodeCount", args.MaxSize } }.Build() },
            { "management", new MapBuilder { { "autoRepair", true }, { "autoUpgrade", true } }.Build() },
            {
                "nodeConfig", new MapBuilder
                {
                    { "machineType", args.MachineType },
                    { "tags", ListValue.OfStrings([GkeCluster.NodeTag(cluster.Name), .. args.NetworkTags]) },
                    { "serviceAccount", cluster.NodeServiceAccount.Output("email") },
                    { "oauthScopes", ListValue.Of(GkeCluster.CloudPlatformScope) },
                    { "workloadMetadataConfig", new MapBuilder { { "mode", "GKE_METADATA" } }.Build() },
                    {
                        "shieldedInstanceConfig", new MapBuilder
                        {
                            { "enableSecureBoot", true },
                            { "enableIntegrityMonitoring", true },
                        }.Build()
                    },
                    { "labels", OptionalMap.Of(args.Labels) },
                    { "taints", NodeTaint.ToCloudList(args.Taints) },
                }.Build()
            },
        }, new ResourceOptions { Provider = cluster.GcpProvider, DependsOn = cluster.NodeServiceAccountGrants });
        return new GkeNodePool(component, nodePool);
    }

    private static string DefaultPoolName(GkeCluster cluster, string name)
    {
        var stem = cluster.Component.Name;
        var suffix = name == stem ? null : name.StartsWith($"{stem}-", StringComparison.Ordinal) ? name[(stem.Length + 1)..] : name;
        return suffix is null ? $"{cluster.Name}-nodes" : $"{cluster.Name}-{suffix}-nodes";
    }
}
