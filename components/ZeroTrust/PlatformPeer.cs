using Palisade.Components.Kubernetes;

namespace Palisade.Components.ZeroTrust;

/// <summary>
/// Pods of the platform that application namespaces must talk to or accept traffic from (kube-dns, the ingress
/// controller, monitoring), selected by namespace and pod labels in one peer entry.
/// </summary>
public sealed record PlatformPeer(string Namespace, IReadOnlyDictionary<string, string> PodLabels)
{
    /// <summary>Whether a workload is one of these pods (its namespace, and every pod label).</summary>
    public bool Selects(Workload workload) =>
        workload.Namespace == Namespace && PodLabels.All(l => workload.Labels.GetValueOrDefault(l.Key) == l.Value);

    public NetworkPolicyPeer ToPeer() => new(
        PodSelector: PodLabels.Count == 0 ? null : LabelSelector.WithLabels(PodLabels),
        NamespaceSelector: LabelSelector.WithLabels((WellKnownLabels.NamespaceName, Namespace)));

    /// <summary>CoreDNS on EKS and kube-dns on GKE both carry k8s-app=kube-dns in kube-system.</summary>
    public static PlatformPeer KubeDns { get; } = new("kube-system", Labels.Of((WellKnownLabels.KubeDnsApp, "kube-dns")));
}

/// <summary>Where the platform's shared services live, as the stack configures them.</summary>
public sealed record PlatformPeers(DnsResolver Dns, PlatformPeer? IngressController, PlatformPeer? Monitoring)
{
    /// <summary>The name the analysis gives the ingress controller's pods.</summary>
    public string IngressControllerName { get; init; } = "ingress-controller";

    /// <summary>The container ports the ingress controller's pods listen on (Traefik's chart: 8000 and 8443).</summary>
    public IReadOnlyList<ContainerPort> IngressControllerPorts { get; init; } = [new ContainerPort(80, Name: "http"), new ContainerPort(443, Name: "https")];

    /// <summary>What tiers with a cloud identity reach for their credentials (none for IRSA).</summary>
    public IdentityEndpoint? IdentityEndpoint { get; init; }

    /// <summary>
    /// Private addresses of the cloud's API endpoints (VPC interface endpoints for STS, Secrets Manager, ...), which
    /// tiers with a cloud identity reach on <see cref="ApiEndpointPort"/>: their public-HTTPS rules exclude private ranges.
    /// </summary>
    public IReadOnlyList<string> ApiEndpointCidrs { get; init; } = [];

    public const int ApiEndpointPort = 443;

    /// <summary>
    /// Addresses a load balancer reaches pods from directly (an ALB with target type ip sends traffic and health
    /// checks from its ENIs in the VPC). When set, exposed tiers admit these CIDRs on their exposed port instead of
    /// the ingress controller's pods. Empty for ingress-nginx.
    /// </summary>
    public IReadOnlyList<string> LoadBalancerCidrs { get; init; } = [];

    /// <summary>The platform services apps may call, by name.</summary>
    public IReadOnlyDictionary<string, PlatformService> Services { get; init; } = new Dictionary<string, PlatformService>();
}
