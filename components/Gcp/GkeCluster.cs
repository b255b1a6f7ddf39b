using System.Collections.Immutable;
using Palisade.Components.Graph;
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

public sealed record GkeClusterArgs(
    string Name,
    string Project,
    string Region,
    string? KubernetesVersion,
    Value? Network,
    Value? Subnetwork,
    GkeNetworkPolicyProvider NetworkPolicy,
    bool PrivateNodes,
    string? MasterCidr,
    IReadOnlyList<string> MasterAuthorizedCidrs,
    Value MachineType,
    int NodeMinSize,
    int NodeDesiredSize,
    int NodeMaxSize,
    bool DeletionProtection,
    GkeDns Dns = GkeDns.KubeDns,
    IReadOnlyList<int>? AdmissionWebhookPorts = null);

/// <summary>
/// A GKE cluster with NetworkPolicy enforcement on (resource-types.md §5.2, cloud-wiring.md §2, §4, §6): Dataplane V2
/// by default or Calico, the Workload Identity pool, private nodes and master authorized networks from config, the
/// default node pool removed in favour of a separate pool that runs the GKE metadata server, and a Kubernetes provider
/// built from the cluster's outputs.
/// </summary>
public sealed class GkeCluster
{
    public const string ComponentType = "palisade:gcp:GkeCluster";
    public const string ClusterLogicalName = "gke-cluster";
    public const string KubeconfigVariable = "gke-kubeconfig";
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    /// <summary>
    /// What the nodes' service account holds: Kubernetes Engine Default Node Service Account (logging, monitoring,
    /// autoscaler metrics) and Artifact Registry Reader for image pulls (Google, "Configure GKE node service accounts").
    /// </summary>
    public static IReadOnlyList<string> NodeRoles { get; } = ["roles/container.defaultNodeServiceAccount", "roles/artifactregistry.reader"];

    private GkeCluster(Component component, Resource gcp, Resource cluster, Resource nodePool, Resource kubernetesProvider, string project, string name,
        Resource? webhookFirewall)
    {
        Name = name;
        WebhookFirewall = webhookFirewall;
        Component = component;
        GcpProvider = gcp;
        Cluster = cluster;
        NodePool = nodePool;
        KubernetesProvider = kubernetesProvider;
        Project = project;
    }

    public Component Component { get; }
    public Resource GcpProvider { get; }
    public Resource Cluster { get; }
    public Resource NodePool { get; }
    public Resource KubernetesProvider { get; }
    public string Project { get; }

    /// <summary>The cluster's name, which qualifies every project-scoped name of the stack.</summary>
    public string Name { get; }

    /// <summary>The firewall rule that lets a private cluster's control plane reach the admission webhooks, if any.</summary>
    public Resource? WebhookFirewall { get; }

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

    public static GkeCluster Create(ResourceGraph graph, Component parent, Resource gcp, GkeClusterArgs args)
    {
        var component = graph.AddComponent(parent, ComponentType, args.Name);
        var options = new ResourceOptions { Provider = gcp };

        var properties = new MapBuilder
        {
            { "name", args.Name },
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

        var cluster = graph.AddResource(component, GcpTypes.Cluster, ClusterLogicalName, properties,
            options with { Protect = args.DeletionProtection });

        var nodeAccount = NodeServiceAccount(graph, component, args, options);
        var nodePool = graph.AddResource(component, GcpTypes.NodePool, "gke-nodes", new MapBuilder
        {
            { "name", $"{args.Name}-nodes" },
            { "project", args.Project },
            { "location", args.Region },
            { "cluster", cluster.Output("name", args.Name) },
            { "initialNodeCount", args.NodeDesiredSize },
            { "autoscaling", new MapBuilder { { "minNodeCount", args.NodeMinSize }, { "maxNodeCount", args.NodeMaxSize } }.Build() },
            { "management", new MapBuilder { { "autoRepair", true }, { "autoUpgrade", true } }.Build() },
            {
                "nodeConfig", new MapBuilder
                {
                    { "machineType", args.MachineType },
                    { "tags", ListValue.Of(NodeTag(args.Name)) },
                    { "serviceAccount", nodeAccount.Account.Output("email") },
                    { "oauthScopes", ListValue.Of(CloudPlatformScope) },
                    { "workloadMetadataConfig", new MapBuilder { { "mode", "GKE_METADATA" } }.Build() },
                    {
                        "shieldedInstanceConfig", new MapBuilder
                        {
                            { "enableSecureBoot", true },
                            { "enableIntegrityMonitoring", true },
                        }.Build()
                    },
                }.Build()
            },
        }, options with { DependsOn = nodeAccount.Grants });

        var firewall = AddWebhookFirewall(graph, component, cluster, args, options);
        var kubeconfig = graph.AddVariable(KubeconfigVariable, new FunctionCall("toJSON", Kubeconfig(cluster)));
        var provider = ClusterProvider.FromKubeconfig(graph, component, kubeconfig, [nodePool]);
        return new GkeCluster(component, gcp, cluster, nodePool, provider, args.Project, args.Name, firewall);
    }

    /// <summary>The network tag the node pool carries, which firewall rules for the stack's nodes target.</summary>
    public static string NodeTag(string clusterName) => CloudNames.Qualified(CloudNames.GcpComputeName, clusterName, "nodes");

    /// <summary>
    /// A private cluster's control plane sits in a peered network whose automatic firewall rule opens only 443 and
    /// 10250 to the nodes, so a webhook served on any other pod port is unreachable and, failing closed, refuses what
    /// it checks. This rule opens exactly the installed controllers' webhook ports from the control-plane range to
    /// the stack's nodes. Public-node clusters and stacks without webhooks get none.
    /// </summary>
    private static Resource? AddWebhookFirewall(ResourceGraph graph, Component component, Resource cluster, GkeClusterArgs args, ResourceOptions options)
    {
        var ports = (args.AdmissionWebhookPorts ?? []).Distinct().Order().ToList();
        if (!args.PrivateNodes || args.MasterCidr is null || ports.Count == 0)
        {
            return null;
        }

        return graph.AddResource(component, GcpTypes.Firewall, "gke-webhook-firewall", new MapBuilder
        {
            { "name", CloudNames.Qualified(CloudNames.GcpComputeName, args.Name, "webhooks") },
            { "project", args.Project },
            { "network", cluster.Output("network") },
            { "description", $"Admission webhooks of the controllers the stack installs, from the control plane of {args.Name}" },
            { "direction", "INGRESS" },
            { "sourceRanges", ListValue.Of(args.MasterCidr) },
            { "targetTags", ListValue.Of(NodeTag(args.Name)) },
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
    private static (Resource Account, IReadOnlyList<Resource> Grants) NodeServiceAccount(
        ResourceGraph graph, Component component, GkeClusterArgs args, ResourceOptions options)
    {
        var account = graph.AddResource(component, GcpTypes.ServiceAccount, "gke-node-sa", new MapBuilder
        {
            { "accountId", CloudNames.Qualified(CloudNames.GcpServiceAccountId, args.Name, "nodes") },
            { "project", args.Project },
            { "displayName", $"Nodes of GKE cluster {args.Name}" },
        }, options);
        var grants = NodeRoles.Select((role, i) => graph.AddResource(component, GcpTypes.ProjectIamMember, $"gke-node-sa-role-{i}", new MapBuilder
        {
            { "project", args.Project },
            { "role", role },
            { "member", account.Output("member") },
        }, options)).ToList();
        return (account, grants);
    }

    /// <summary>Endpoint and CA from the cluster, user via the gke-gcloud-auth-plugin exec credential plugin.</summary>
    private static MapValue Kubeconfig(Resource cluster) => new MapBuilder
    {
        { "apiVersion", "v1" },
        { "kind", "Config" },
        {
            "clusters", ListValue.Of(new MapBuilder
            {
                { "name", "gke" },
                {
                    "cluster", new MapBuilder
                    {
                        { "server", Interpolation.Of("https://", cluster.Output("endpoint")) },
                        { "certificate-authority-data", cluster.Output("masterAuth.clusterCaCertificate") },
                    }.Build()
                },
            }.Build())
        },
        {
            "contexts", ListValue.Of(new MapBuilder
            {
                { "name", "gke" },
                { "context", new MapBuilder { { "cluster", "gke" }, { "user", "gke" } }.Build() },
            }.Build())
        },
        { "current-context", "gke" },
        {
            "users", ListValue.Of(new MapBuilder
            {
                { "name", "gke" },
                {
                    "user", new MapBuilder
                    {
                        {
                            "exec", new MapBuilder
                            {
                                { "apiVersion", "client.authentication.k8s.io/v1beta1" },
                                { "command", "gke-gcloud-auth-plugin" },
                                { "provideClusterInfo", true },
                            }.Build()
                        },
                    }.Build()
                },
            }.Build())
        },
    };
}
