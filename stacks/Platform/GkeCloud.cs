using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using System.Net.Sockets;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

public enum GkePolicyEnforcement
{
    DataplaneV2,
    Calico,
}

/// <summary>A GKE cluster the stack creates, with Dataplane V2 or Calico enforcing NetworkPolicies (never both).</summary>
public sealed partial record GkeCloud(
    ClusterSettings Settings,
    string Project,
    string Region,
    Configured? Network,
    Configured? Subnetwork,
    bool PrivateNodes,
    string? MasterCidr,
    GkePolicyEnforcement Enforcement,
    bool PolicyLogs = false) : CloudTarget
{
    public const string KindName = "gcp";
    public const string ProjectKey = "gcp:project";
    public const string RegionKey = "gcp:region";

    public static CloudKind Kind { get; } = new(KindName, Read);

    public override string Name => KindName;

    public override ClusterSettings Cluster => Settings;

    protected override Palisade.Components.Connectivity.EnforcementProfile Enforcing => Enforcement == GkePolicyEnforcement.DataplaneV2
        ? new(Palisade.Components.Connectivity.CniProfile.Cilium, [])
        : new(Palisade.Components.Connectivity.CniProfile.Calico, []);

    public override string EnforcementAssumption => Enforcement == GkePolicyEnforcement.DataplaneV2
        ? "Dataplane V2 (Cilium) never matches ipBlocks against pods or nodes (nodes are its host and remote-node identities, which a CIDR rule does not select)"
        : "Calico matches ipBlocks against pod and node addresses; the pod range is not declared, so pods are assumed outside every ipBlock";

    public override string? CannotGrant(CloudIdentitySpec identity) =>
        identity.ForGcp ? null : "its identity declares no GCP roles (it is for AWS only), so on cloud gcp it would be a service account that can do nothing";

    /// <summary>
    /// The GKE metadata server that serves Workload Identity tokens: 169.254.169.254:80 on Dataplane V2, 169.254.169.252:988
    /// otherwise (Google, "About Workload Identity Federation for GKE"). With GKE_METADATA node pools it serves only the
    /// pod's own identity, so admitting it for identity tiers exposes no node credentials.
    /// </summary>
    public override IdentityEndpoint IdentityEndpoint => Enforcement == GkePolicyEnforcement.DataplaneV2
        ? new IdentityEndpoint("GKE Workload Identity (metadata server, Dataplane V2)", "169.254.169.254/32", Protocol.TCP, 80)
        : new IdentityEndpoint("GKE Workload Identity (metadata server)", $"{MetadataAddress.GkeMetadataServer}/32", Protocol.TCP, 988);

    public override GuardrailEnforcement Guardrails => new GuardrailEnforcement.Namespaced(
        "GKE serves no ClusterNetworkPolicy (its CiliumClusterwideNetworkPolicy is not emitted)");

    public override FlowLogging FlowLogging => Enforcement != GkePolicyEnforcement.DataplaneV2
        ? new(false, false, "not available: GKE network policy logging needs Dataplane V2 (palisade:gkeNetworkPolicy: dataplane-v2)")
        : PolicyLogs
            ? new(true, true, "GKE Dataplane V2 network policy logging: NetworkLogging default logs allowed and denied connections to Cloud Logging")
            : new(true, false, "available, off: set palisade:policyEventLogs: true for GKE Dataplane V2 network policy logging (NetworkLogging default)");

    private static CloudTarget Read(SettingsReader reader)
    {
        var project = ProviderKeys.Required(reader, ProjectKey, "the GCP project id");
        var region = ProviderKeys.Required(reader, RegionKey, "the GCP region, e.g. europe-west1");
        var settings = ClusterSettings.Read(reader, "e2-standard-2", "GKE master authorized networks are IPv4 CIDRs", defaultVersion: null);
        var privateNodes = reader.Boolean(ConfigSchema.PrivateNodes, true);
        var masterCidr = reader.String(ConfigSchema.MasterCidr);
        if (privateNodes && masterCidr is null)
        {
            reader.Required(ConfigSchema.MasterCidr, "private GKE nodes need a /28 range for the control plane");
        }

        if (masterCidr is not null &&
            reader.Cidr(ConfigSchema.MasterCidr, masterCidr, AddressFamily.InterNetwork, "the control-plane range is IPv4").PrefixLength != 28)
        {
            throw reader.Error(ConfigSchema.MasterCidr, $"'{masterCidr}' is not a /28", "GKE needs a /28 for the control plane, e.g. 172.16.0.0/28.");
        }

        var enforcement = reader.String(ConfigSchema.GkeNetworkPolicy) switch
        {
            null or "dataplane-v2" => GkePolicyEnforcement.DataplaneV2,
            "calico" => GkePolicyEnforcement.Calico,
            var other => throw reader.Error(ConfigSchema.GkeNetworkPolicy, $"unknown network policy provider '{SettingsReader.Excerpt(other)}'",
                "Use dataplane-v2 or calico."),
        };

        var logs = reader.Boolean(ConfigSchema.PolicyEventLogs, false);
        if (logs && enforcement != GkePolicyEnforcement.DataplaneV2)
        {
            throw reader.Error(ConfigSchema.PolicyEventLogs, "GKE logs network policy decisions only on Dataplane V2, and this stack uses calico",
                "Remove palisade:policyEventLogs, or use palisade:gkeNetworkPolicy: dataplane-v2.");
        }

        return new GkeCloud(settings, project, region, reader.Referenced(ConfigSchema.Network), reader.Referenced(ConfigSchema.Subnetwork),
            privateNodes, masterCidr, enforcement, logs);
    }
}
