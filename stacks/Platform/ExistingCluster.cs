using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>
/// A cluster the stack does not create: the Kubernetes provider takes its kubeconfig (secret) and context from
/// stack config, so nothing depends on the operator's ambient ~/.kube/config by accident.
/// </summary>
internal sealed partial record ExistingCluster(Configured? KubeContext, bool HasKubeconfig, Palisade.Components.Guardrails.ClusterPolicyApi? PolicyApi = null) : CloudTarget
{
    public const string KindName = "existing";

    public static CloudKind Kind { get; } = new(KindName, Read);

    public override string Name => KindName;

    /// <summary>Cluster-tier guardrails when the platform team declares the API its CNI serves, namespaced ones otherwise.</summary>
    public override GuardrailEnforcement Guardrails => PolicyApi is { } api
        ? new GuardrailEnforcement.ClusterTier(api)
        : base.Guardrails;

    private static CloudTarget Read(SettingsReader reader)
    {
        var name = reader.String(ConfigSchema.ClusterPolicyApi, ClusterPolicyApis.None);
        var api = name == ClusterPolicyApis.None ? null : ClusterPolicyApis.ByName.GetValueOrDefault(name) ?? throw reader.Error(ConfigSchema.ClusterPolicyApi,
            $"unknown cluster policy API '{SettingsReader.Excerpt(name)}'",
            $"Use one of: {string.Join(", ", ClusterPolicyApis.Names)} (v1alpha2 when the CNI serves policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy: Calico 3.32+, Antrea 2.7+ with its feature gate, Cilium 1.20+ with k8sClusterNetworkPolicy.enabled).");
        return new ExistingCluster(reader.Referenced(ConfigSchema.KubeContext), reader.Has(ConfigSchema.Kubeconfig), api);
    }
}
