using Palisade.Components.Kubernetes;

namespace Palisade.Components.ZeroTrust;

/// <summary>
/// Pods of the platform that application namespaces must talk to or accept traffic from (kube-dns, the ingress
/// controller, monitoring), selected by namespace and pod labels in one peer entry.
/// </summary>
public sealed record PlatformPeer(string Namespace, IReadOnlyDictionary<string, string> PodLabels)
{
    public NetworkPolicyPeer ToPeer() => new(
        PodSelector: PodLabels.Count == 0 ? null : LabelSelector.WithLabels(PodLabels),
        NamespaceSelector: LabelSelector.WithLabels((WellKnownLabels.NamespaceName, Namespace)));

    /// <summary>CoreDNS on EKS and kube-dns on GKE both carry k8s-app=kube-dns in kube-system.</summary>
    public static PlatformPeer KubeDns { get; } = new("kube-system", Labels.Of((WellKnownLabels.KubeDnsApp, "kube-dns")));
}

/// <summary>Where the platform's shared services live, as the stack configures them.</summary>
public sealed record PlatformPeers(PlatformPeer Dns, PlatformPeer? IngressController, PlatformPeer? Monitoring);
