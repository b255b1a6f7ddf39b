using System.Collections.Immutable;
using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.Naming;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Gcp;

/// <summary>How GKE enforces NetworkPolicy: Dataplane V2 (Cilium, always on) or the Calico add-on — never both.</summary>
public enum GkeNetworkPolicyProvider
{
    DataplaneV2,
    Calico,
}

/// <summary>
/// Which resolver pods use: kube-dns alone (the NodeLocal DNSCache that newer Standard clusters enable by default is
/// turned off, so the DNS policy's peer is the one that answers), the NodeLocal DNSCache, or Cloud DNS.
/// </summary>
public enum GkeDns
{
    KubeDns,
    NodeLocalDnsCache,
    CloudDns,
}

/// <summary>
/// The arguments of a <see cref="GkeCluster"/>: the project and region are required; everything else has a secure
/// default — Dataplane V2 enforcement, private nodes, master authorized networks that admit nobody, shielded nodes,
/// the nodes' own least-privilege service account, Workload Identity with the GKE metadata server.
/// </summary>
public sealed record GkeClusterArgs
{
    /// <summary>The Google Cloud project of the cluster and everything it creates.</summary>
    public required string Project { get; init; }

    /// <summary>The cluster's location (a region: a regional cluster with nodes in each of its zones).</summary>
    public required string Region { get; init; }

    /// <summary>The GKE cluster's name, which also qualifies its service accounts, network tags and firewall rules.</summary>
    /// <remarks>Default: the component's name.</remarks>
    public string? ClusterName { get; init; }

    /// <summary>Pins <c>minMasterVersion</c>.</summary>
    /// <remarks>Default: none — the Regular release channel picks the version.</remarks>
    public string? KubernetesVersion { get; init; }

    /// <summary>The VPC network.</summary>
    /// <remarks>Default: GKE's (<c>default</c>).</remarks>
    public Value? Network { get; init; }

    /// <summary>The subnetwork.</summary>
    /// <remarks>Default: GKE's.</remarks>
    public Value? Subnetwork { get; init; }

    /// <summary>How NetworkPolicy is enforced.</summary>
    /// <remarks>Default: <see cref="GkeNetworkPolicyProvider.DataplaneV2"/>.</remarks>
    public GkeNetworkPolicyProvider NetworkPolicy { get; init; } = GkeNetworkPolicyProvider.DataplaneV2;

    /// <summary>Nodes without public addresses.</summary>
    /// <remarks>Default: true.</remarks>
    public bool PrivateNodes { get; init; } = true;

    /// <summary>The control plane's /28 for private nodes.</summary>
    /// <remarks>Default: none — GKE allocates one.</remarks>
    public string? MasterCidr { get; init; }

    /// <summary>Who may reach the Kubernetes API (master authorized networks).</summary>
    /// <remarks>Default: nobody outside Google Cloud — authorized networks are on with an empty list.</remarks>
    public IReadOnlyList<string> MasterAuthorizedCidrs { get; init; } = [];

    /// <summary>GKE deletion protection plus Pulumi <c>protect</c> on the cluster.</summary>
    /// <remarks>Default: false.</remarks>
    public bool DeletionProtection { get; init; }

    /// <summary>The resolver pods use.</summary>
    /// <remarks>Default: <see cref="GkeDns.KubeDns"/> (the NodeLocal DNSCache off).</remarks>
    public GkeDns Dns { get; init; } = GkeDns.KubeDns;

    /// <summary>Pod ports of admission webhooks the private control plane must reach (a firewall rule opens exactly these).</summary>
    /// <remarks>Default: none.</remarks>
    public IReadOnlyList<int> AdmissionWebhookPorts { get; init; } = [];

    /// <summary>The node pool the cluster creates (named like the cluster component).</summary>
    /// <remarks>Default: one pool with <see cref="GkeNodePoolOptions"/>' defaults; null creates none (add <see cref="GkeNodePool"/>s).</remarks>
    public GkeNodePoolOptions? DefaultNodePool { get; init; } = new();

    /// <summary>GCP resource labels on the cluster (<c>resourceLabels</c>).</summary>
    /// <remarks>Default: none.</remarks>
    public IReadOnlyDictionary<string, string> ResourceLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>The logical name of the Kubernetes provider built from the cluster's kubeconfig.</summary>
    /// <remarks>Default: <c>&lt;name&gt;-k8s</c>.</remarks>
    public string? KubernetesProviderName { get; init; }
}

/// <summary>
/// A GKE cluster with NetworkPolicy enforcement on (resource-types.md §5.2, cloud-wiring.md §2, §4, §6): Dataplane V2
/// by default or Calico, the Workload Identity pool, private nodes and master authorized networks, the default node pool
/// removed in favour of a separate pool (<see cref="GkeNodePool"/>) that runs the GKE metadata server as the nodes' own
/// service account, and a Kubernetes provider built from the cluster's outputs. Every child's logical name starts with
/// the component's name (<c>&lt;name&gt;-cluster</c>, <c>&lt;name&gt;-node-sa</c>, ...), so clusters with different
/// names never collide.
/// </summary>
public sealed class GkeCluster
{
    public const string ComponentType = "palisade:gcp:GkeCluster";
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    /// <summary>
    /// What the nodes' service account holds: Kubernetes Engine Default Node Service Account (logging, monitoring,
    /// autoscaler metrics) and Artifact Registry Reader for image pulls (Google, "Configure GKE node service accounts").
    /// </summary>
    public static IReadOnlyList<string> NodeRoles { get; } = ["roles/container.defaultNodeServiceAccount", "roles/artifactregistry.reader"];

    private GkeCluster(Component component, Resource gcp, GkeClusterArgs args, string name, Resource cluster, Resource nodeAccount,
        IReadOnlyList<Resource> nodeAccountGrants)
    {
        Component = component;
        GcpProvider = gcp;
        Args = args;
        Name = name;
        Cluster = cluster;
        NodeServiceAccount = nodeAccount;
        NodeServiceAccountGrants = nodeAccountGrants;
    }

    public Component Component { get; }
    public Resource GcpProvider { get; }
    public GkeClusterArgs Args { get; }
    public Resource Cluster { get; }
    public string Project => Args.Project;

    /// <summary>The cluster's name, which qualifies every project-scoped name of the stack.</summary>
    public string Name { get; }

    /// <summary>The nodes' own Google service account, which every node pool of the cluster runs as.</summary>
    public Resource NodeServiceAccount { get; }

    /// <summary>The service account's project roles, which a node pool waits for.</summary>
    public IReadOnlyList<Resource> NodeServiceAccountGrants { get; }

    /// <summary>The default node pool, unless <see cref="GkeClusterArgs.DefaultNodePool"/> is null.</summary>
    public GkeNodePool? DefaultNodePool { get; private set; }

    /// <summary>The default node pool's <c>gcp:container/nodePool</c> resource.</summary>
    public Resource? NodePool => DefaultNodePool?.NodePool;

    /// <summary>The program variable holding the kubeconfig (JSON) of the cluster.</summary>
    public VariableRef Kubeconfig { get; private set; } = null!;

    /// <summary>The Kubernetes provider every Kubernetes resource in the cluster must use.</summary>
    public Resource KubernetesProvider { get; private set; } = null!;

    /// <summary>The firewall rule that lets a private cluster's control plane reach the admission webhooks, if any.</summary>
    public Resource? WebhookFirewall { get; private set; }

    /// <summary>The Workload Identity pool is always <c>&lt;project&gt;.svc.id.goog</c>.</summary>
    public static string WorkloadPool(string project) => $"{project}.svc.id.goog";

    /// <summary>The enforcement properties of the cluster for one provider (and nothing of the other).</summary>
    public static MapValue EnforcementProperties(GkeNetworkPolicyProvider provider) => provider switch
    {
        GkeNetworkPolicyProvider.DataplaneV2 => new MapBuilder { { "datapathProvider", "ADVANCED_DATAPATH" } },
        GkeNetworkPolicyProvider.Calico => new MapBuilder
        {
            { "networkPolicy", new MapBuilder { { "enabled", true }, { "provider", "CALICO" } }.Build() },
            {
                "addonsConfig", new MapBuilder
                {
                    { "networkPolicyConfig", new MapBuilder { { "disabled", false } }.Build() },
                }.Build()
            },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    /// <param name="name">The component's name, which every child's logical name starts with (the stacks use <c>gke</c>).</param>
    public static GkeCluster Create(ResourceGraph graph, Component parent, string name, Resource gcp, GkeClusterArgs args)
    {
        var clusterName = args.ClusterName ?? name;
        var component = graph.AddComponent(parent, ComponentType, name);
        var options = new ResourceOptions { Provider = gcp };

        var properties = new MapBuilder
        {
            { "name", clusterName },
            { "project", args.Project },
            { "location", args.Region },
            { "network", args.Network },
            { "subnetwork", args.Subnetwork },
            { "networkingMode", "VPC_NATIVE" },
            { "minMasterVersion", args.KubernetesVersion is null ? null : new StringValue(args.KubernetesVersion) },
            { "releaseChannel", new MapBuilder { { "channel", "REGULAR" } }.Build() },
            { "removeDefaultNodePool", true },
            { "initialNodeCount", 1 },
            { "workloadIdentityConfig", new MapBuilder { { "workloadPool", WorkloadPool(args.Project) } }.Build() },
            {
                "privateClusterConfig", args.PrivateNodes
                    ? new MapBuilder
                    {
                        { "enablePrivateNodes", true },
                        { "enablePrivateEndpoint", false },
                        { "masterIpv4CidrBlock", args.MasterCidr is null ? null : new StringValue(args.MasterCidr) },
                    }.Build()
                    : null
            },
            {
                "masterAuthorizedNetworksConfig", new MapBuilder
                {
                    {
                        "cidrBlocks", ListValue.Of(args.MasterAuthorizedCidrs.Select(c => (Value)new MapBuilder
                        {
                            { "cidrBlock", c },
                            { "displayName", $"api-access-{c.Replace('/', '-').Replace('.', '-').Replace(':', '-')}" },
                        }.Build()))
                    },
                }.Build()
            },
            { "enableShieldedNodes", true },
            { "deletionProtection", args.DeletionProtection },
            { "resourceLabels", OptionalMap.Of(args.ResourceLabels) },
        };
        var addons = new SortedDictionary<string, Value>(StringComparer.Ordinal)
        {
            ["dnsCacheConfig"] = new MapBuilder { { "enabled", args.Dns == GkeDns.NodeLocalDnsCache } }.Build(),
        };
        foreach (var (key, value) in EnforcementProperties(args.NetworkPolicy).Entries)
        {
            if (key == "addonsConfig" && value is MapValue enforcementAddons)
            {
                foreach (var (addon, config) in enforcementAddons.Entries)
                {
                    addons[addon] = config;
                }
            }
            else
            {
                properties.Add(key, value);
            }
        }

        properties.Add("addonsConfig", new MapValue(addons.ToImmutableSortedDictionary(StringComparer.Ordinal)));
        if (args.Dns == GkeDns.CloudDns)
        {
            properties.Add("dnsConfig", new MapBuilder { { "clusterDns", "CLOUD_DNS" }, { "clusterDnsScope", "CLUSTER_SCOPE" } }.Build());
        }

        var cluster = graph.AddResource(component, GcpTypes.Cluster, component.ChildName("cluster"), properties,
            options with { Protect = args.DeletionProtection });

        var (nodeAccount, grants) = NodeAccount(graph, component, clusterName, args.Project, options);
        var gke = new GkeCluster(component, gcp, args, clusterName, cluster, nodeAccount, grants);
        gke.DefaultNodePool = args.DefaultNodePool is { } pool
            ? GkeNodePool.Create(graph, name, new GkeNodePoolArgs(pool, gke))
            : null;

        gke.WebhookFirewall = AddWebhookFirewall(graph, component, cluster, clusterName, args, options);
        gke.Kubeconfig = graph.AddVariable(component.ChildName("kubeconfig"), new FunctionCall("toJSON", KubeconfigOf(cluster)));
        gke.KubernetesProvider = ClusterProvider.FromKubeconfig(graph, component, gke.Kubeconfig, gke.NodePool is { } nodes ? [nodes] : [],
            args.KubernetesProviderName ?? component.ChildName("k8s"));
        return gke;
    }

    /// <summary>The network tag the node pool carries, which firewall rules for the stack's nodes target.</summary>
    public static string NodeTag(string clusterName) => CloudNames.Qualified(CloudNames.GcpComputeName, clusterName, "nodes");

    /// <summary>
    /// A private cluster's control plane sits in a peered network whose automatic firewall rule opens only 443 and
    /// 10250 to the nodes, so a webhook served on any other pod port is unreachable and, failing closed, refuses what
    /// it checks. This rule opens exactly the installed controllers' webhook ports from the control-plane range to
    /// the stack's nodes. Public-node clusters and stacks without webhooks get none.
    /// </summary>
    private static Resource? AddWebhookFirewall(ResourceGraph graph, Component component, Resource cluster, string clusterName, GkeClusterArgs args,
        ResourceOptions options)
    {
        var ports = args.AdmissionWebhookPorts.Distinct().Order().ToList();
        if (!args.PrivateNodes || args.MasterCidr is null || ports.Count == 0)
        {
            return null;
        }

        return graph.AddResource(component, GcpTypes.Firewall, component.ChildName("webhook-firewall"), new MapBuilder
        {
            { "name", CloudNames.Qualified(CloudNames.GcpComputeName, clusterName, "webhooks") },
            { "project", args.Project },
            { "network", cluster.Output("network") },
            { "description", $"Admission webhooks of the controllers the stack installs, from the control plane of {clusterName}" },
            { "direction", "INGRESS" },
            { "sourceRanges", ListValue.Of(args.MasterCidr) },
            { "targetTags", ListValue.Of(NodeTag(clusterName)) },
            {
                "allows", ListValue.Of(new MapBuilder
                {
                    { "protocol", "tcp" },
                    { "ports", ListValue.Of(ports.Select(p => (Value)p.ToString(System.Globalization.CultureInfo.InvariantCulture))) },
                }.Build())
            },
        }, options);
    }

    /// <summary>
    /// The nodes' own Google service account instead of the Compute Engine default one: the least-privilege
    /// <see cref="NodeRoles"/> on the project, and the cloud-platform scope, which with a custom service account is
    /// GKE's own default and leaves access to IAM (Google, "Access scopes in GKE": do not narrow scopes, grant roles).
    /// </summary>
    private static (Resource Account, IReadOnlyList<Resource> Grants) NodeAccount(
        ResourceGraph graph, Component component, string clusterName, string project, ResourceOptions options)
    {
        var account = graph.AddResource(component, GcpTypes.ServiceAccount, component.ChildName("node-sa"), new MapBuilder
        {
            { "accountId", CloudNames.Qualified(CloudNames.GcpServiceAccountId, clusterName, "nodes") },
            { "project", project },
            { "displayName", $"Nodes of GKE cluster {clusterName}" },
        }, options);
        var grants = NodeRoles.Select((role, i) => graph.AddResource(component, GcpTypes.ProjectIamMember, component.ChildName($"node-sa-role-{i}"), new MapBuilder
        {
            { "project", project },
            { "role", role },
            { "member", account.Output("member") },
        }, options)).ToList();
        return (account, grants);
    }

    /// <summary>Endpoint and CA from the cluster, user via the gke-gcloud-auth-plugin exec credential plugin.</summary>
    public static MapValue KubeconfigOf(Resource cluster) => Kubernetes.Kubeconfig.Build(new KubeconfigArgs
    {
        Server = Interpolation.Of("https://", cluster.Output("endpoint")),
        CertificateAuthorityData = cluster.Output("masterAuth.clusterCaCertificate"),
        ContextName = "gke",
        Exec = new KubeconfigExec { Command = "gke-gcloud-auth-plugin", ProvideClusterInfo = true },
    });
}
