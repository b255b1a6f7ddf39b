namespace Palisade.Stacks.Config;

/// <summary>Every <c>palisade:</c> config key a stack may set. Unknown keys are rejected (they are usually typos).</summary>
public static class ConfigSchema
{
    public const string Project = "palisade";

    public static readonly ConfigKey Apps = new("apps", ConfigKind.StringList,
        "Applications this stack deploys, by catalog name (a list, or a comma-separated string).", Required: true);

    public static readonly ConfigKey KubeContext = new("kubeContext", ConfigKind.String,
        "kubeconfig context the Kubernetes provider uses when the stack does not create its own cluster.", AppliesTo: "palisade:cloud existing", MayBeSecret: true);

    public static readonly ConfigKey Kubeconfig = new("kubeconfig", ConfigKind.String,
        "kubeconfig contents or path for the Kubernetes provider (set with `pulumi config set --secret`).", Secret: true, AppliesTo: "palisade:cloud existing");

    public static readonly ConfigKey IngressNamespace = new("ingressNamespace", ConfigKind.String,
        "Namespace of the ingress controller allowed to reach exposed tiers (nginx: default nginx-ingress; ingress-nginx: default ingress-nginx; traefik: default traefik-system; external: required).", AppliesTo: "palisade:ingress nginx, ingress-nginx, traefik or external");

    public static readonly ConfigKey IngressPodLabels = new("ingressPodLabels", ConfigKind.Map,
        "external ingress: the labels the controller's pods carry, e.g. {app: bunkerweb}; exactly these pods are admitted to exposed tiers.",
        AppliesTo: "palisade:ingress external");

    public static readonly ConfigKey IngressClassName = new("ingressClassName", ConfigKind.String,
        "external ingress: the IngressClass of the controller the apps' Ingresses name.", AppliesTo: "palisade:ingress external");

    public static readonly ConfigKey IngressController = new("ingressController", ConfigKind.String,
        "external ingress: the kind of the controller the platform team runs (nginx, ingress-nginx, traefik), so the Ingresses get its annotations and its limits are enforced; unset for any other controller.",
        AppliesTo: "palisade:ingress external");

    public static readonly ConfigKey MonitoringNamespace = new("monitoringNamespace", ConfigKind.String,
        "Namespace of the monitoring system allowed to scrape metrics ports (none when unset).");

    public static readonly ConfigKey Cloud = new("cloud", ConfigKind.String,
        "Where the stack runs: aws (creates an EKS cluster), gcp (creates a GKE cluster) or existing (default: deploy into an existing cluster).");

    public static readonly ConfigKey Ingress = new("ingress", ConfigKind.String,
        "Ingress for the apps' routes: nginx (the F5 NGINX Ingress Controller), ingress-nginx (the retired community controller), traefik (Traefik with per-client Middlewares), alb (AWS only: ALB with WAF rules) or external (a controller on an existing cluster). None when unset on cloud existing; nginx by default on aws and gcp.");

    public static readonly ConfigKey ClusterName = new("clusterName", ConfigKind.String,
        "Name of the cluster the stack creates (default palisade-<stack>).", AppliesTo: "palisade:cloud aws or gcp");

    public static readonly ConfigKey KubernetesVersion = new("kubernetesVersion", ConfigKind.String,
        "Kubernetes minor version of the cluster, e.g. 1.35 (EKS: the cluster version, default 1.35; GKE: the minimum master version, default none: the Regular release channel decides).", AppliesTo: "palisade:cloud aws or gcp");

    public static readonly ConfigKey VpcId = new("vpcId", ConfigKind.String,
        "AWS: id of the existing VPC the cluster runs in (vpc-...); the AWS Load Balancer Controller needs it.", AppliesTo: "palisade:ingress alb", MayBeSecret: true);

    public static readonly ConfigKey VpcCidr = new("vpcCidr", ConfigKind.Cidr,
        "AWS: CIDR of the VPC; VPC CNI gives pods addresses in it, so the proof matches ipBlocks against it (required with ingress alb).",
        AppliesTo: "palisade:cloud aws");

    public static readonly ConfigKey AlbSubnetIds = new("albSubnetIds", ConfigKind.StringList,
        "ALB: the public subnets the ALB runs in (at least two zones, none of them a node subnet), pinned with alb.ingress.kubernetes.io/subnets.",
        AppliesTo: "palisade:ingress alb");

    public static readonly ConfigKey AlbSubnetCidrs = new("albSubnetCidrs", ConfigKind.CidrList,
        "ALB: the CIDR of each ALB subnet, in order; exposed tiers admit exactly these.", AppliesTo: "palisade:ingress alb");

    public static readonly ConfigKey VpcEndpointCidrs = new("vpcEndpointCidrs", ConfigKind.CidrList,
        "AWS: CIDRs of the VPC's interface endpoints (STS, Secrets Manager, ...), each inside palisade:vpcCidr: tiers with a cloud identity may reach them on TCP 443 (public-HTTPS rules exclude private ranges).",
        AppliesTo: "palisade:cloud aws");

    public static readonly ConfigKey NodeCidrs = new("nodeCidrs", ConfigKind.CidrList,
        "The nodes' address ranges, reported as the peer nodes; a tier an ipBlock opens to them fails the node-reach check (aws: the CIDR of each palisade:subnetIds subnet, in order, inside palisade:vpcCidr; gcp: the subnetwork's primary range; existing: the node ranges).");

    public static readonly ConfigKey AwsIdentity = new("awsIdentity", ConfigKind.String,
        "AWS: how tiers get their IAM role, irsa (default: IAM Roles for Service Accounts) or pod-identity (EKS Pod Identity: the agent add-on and a pod identity association per tier).",
        AppliesTo: "palisade:cloud aws");

    public static readonly ConfigKey SubnetIds = new("subnetIds", ConfigKind.StringList,
        "AWS: ids of existing private subnets in at least two availability zones for the cluster and its nodes.", AppliesTo: "palisade:cloud aws");

    public static readonly ConfigKey Network = new("network", ConfigKind.String,
        "GCP: VPC network of the cluster (default: default).", AppliesTo: "palisade:cloud gcp", MayBeSecret: true);

    public static readonly ConfigKey Subnetwork = new("subnetwork", ConfigKind.String,
        "GCP: subnetwork of the cluster (default: the network's subnetwork in the region).", AppliesTo: "palisade:cloud gcp", MayBeSecret: true);

    public static readonly ConfigKey NodeType = new("nodeType", ConfigKind.String,
        "Node instance type (AWS, default t3.medium) or machine type (GCP, default e2-standard-2).", AppliesTo: "palisade:cloud aws or gcp", MayBeSecret: true);

    public static readonly ConfigKey NodeMinSize = new("nodeMinSize", ConfigKind.Integer,
        "Minimum number of nodes (default 1; GKE: per zone).", AppliesTo: "palisade:cloud aws or gcp");

    public static readonly ConfigKey NodeDesiredSize = new("nodeDesiredSize", ConfigKind.Integer,
        "Desired number of nodes (default 2; GKE: initial per zone).", AppliesTo: "palisade:cloud aws or gcp");

    public static readonly ConfigKey NodeMaxSize = new("nodeMaxSize", ConfigKind.Integer,
        "Maximum number of nodes (default 3; GKE: per zone).", AppliesTo: "palisade:cloud aws or gcp");

    public static readonly ConfigKey ApiAccessCidrs = new("apiAccessCidrs", ConfigKind.CidrList,
        "CIDRs allowed to reach the Kubernetes API: EKS public endpoint CIDRs, GKE master authorized networks (required on aws and gcp).", AppliesTo: "palisade:cloud aws or gcp");

    public static readonly ConfigKey PrivateNodes = new("privateNodes", ConfigKind.Boolean,
        "GCP: nodes without public IPs (default true; needs Cloud NAT for egress).", AppliesTo: "palisade:cloud gcp");

    public static readonly ConfigKey MasterCidr = new("masterCidr", ConfigKind.Cidr,
        "GCP: /28 range of the control plane when privateNodes is true, e.g. 172.16.0.0/28.", AppliesTo: "palisade:cloud gcp");

    public static readonly ConfigKey AdminRoleArns = new("adminRoleArns", ConfigKind.StringList,
        "AWS: IAM role or user ARNs that administer the cluster besides its creator (an EKS access entry with AmazonEKSClusterAdminPolicy each).",
        AppliesTo: "palisade:cloud aws");

    public static readonly ConfigKey VpcCniVersion = new("vpcCniVersion", ConfigKind.String,
        "AWS: the vpc-cni add-on version, pinned (default v1.22.3-eksbuild.1; at least 1.21, which the EKS ClusterNetworkPolicy guardrails need).",
        AppliesTo: "palisade:cloud aws");

    public static readonly ConfigKey PolicyEventLogs = new("policyEventLogs", ConfigKind.Boolean,
        "Flow logs of policy decisions (default false): AWS the VPC CNI network policy agent's event logs on each node; GCP Dataplane V2 network policy logging (NetworkLogging default).",
        AppliesTo: "palisade:cloud aws or gcp");

    public static readonly ConfigKey ClusterPolicyApi = new("clusterPolicyApi", ConfigKind.String,
        "Existing cluster: the cluster policy API its CNI serves, v1alpha2 (policy.networking.k8s.io ClusterNetworkPolicy) or none (default); with v1alpha2 the guardrails are Admin-tier cluster policies.",
        AppliesTo: "palisade:cloud existing");

    public static readonly ConfigKey GkeNetworkPolicy = new("gkeNetworkPolicy", ConfigKind.String,
        "GCP: NetworkPolicy enforcement, dataplane-v2 (default) or calico; never both.", AppliesTo: "palisade:cloud gcp");

    public static readonly ConfigKey DeletionProtection = new("deletionProtection", ConfigKind.Boolean,
        "Protect the cluster (provider deletion protection and Pulumi protect) and the stateful tiers' namespaces from deletion (default false).", AppliesTo: "palisade:cloud aws or gcp");

    public static readonly ConfigKey Domain = new("domain", ConfigKind.String,
        "DNS domain of the apps' hosts; each app is served at <app host>.<domain> (required with an ingress).", AppliesTo: "stacks with an ingress", MayBeSecret: true);

    public static readonly ConfigKey CertificateArn = new("certificateArn", ConfigKind.String,
        "ALB: ACM certificate ARN for HTTPS on 443 (required with ingress alb).", AppliesTo: "palisade:ingress alb", MayBeSecret: true);

    public static readonly ConfigKey SslPolicy = new("sslPolicy", ConfigKind.String,
        "ALB: TLS policy of the HTTPS listener (default ELBSecurityPolicy-TLS13-1-2-2021-06).", AppliesTo: "palisade:ingress alb", MayBeSecret: true);

    /// <summary>Keys an earlier version read, with where their meaning lives now.</summary>
    public static readonly IReadOnlyDictionary<string, string> Retired = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["nginxRps"] = EdgeLimitsMoved,
        ["nginxConnections"] = EdgeLimitsMoved,
        ["nginxBodySize"] = EdgeLimitsMoved,
        ["wafRateLimit"] = EdgeLimitsMoved,
    };

    private const string EdgeLimitsMoved =
        "Edge limits are declared once per app (AppIngressSpec.Limits, or a route's Limits) and every ingress kind compiles them; remove the key.";

    public static readonly ConfigKey TlsSecretName = new("tlsSecretName", ConfigKind.String,
        "nginx, ingress-nginx: the kubernetes.io/tls Secret, present in every namespace with routed tiers (e.g. issued there by cert-manager), that each Ingress serves its host with; HTTP is redirected to HTTPS.",
        AppliesTo: "palisade:ingress nginx or ingress-nginx");

    public static readonly ConfigKey UnenforcedLimits = new("unenforcedLimits", ConfigKind.StringList,
        "Edge limits the apps declare that this stack's ingress kind has no mechanism for, accepted as not enforced (e.g. [connections] on alb); the plan states them.",
        AppliesTo: "an ingress");

    public static readonly ConfigKey Dns = new("dns", ConfigKind.String,
        "The cluster's resolver, which every namespace's DNS egress admits: kube-dns (default; on GKE the NodeLocal DNSCache is turned off to keep it), node-local-dns (169.254.20.10 and the cache's pods) or cloud-dns (GKE only: 169.254.169.254 on port 53).");

    public static readonly ConfigKey PlatformServices = new("platformServices", ConfigKind.Map,
        "Services of the platform that apps call (Keycloak, Vault, an OpenTelemetry collector): per name, its namespace, podLabels and ports (e.g. [TCP/8443]).");

    public static readonly ConfigKey PromoteFrom = new("promoteFrom", ConfigKind.String,
        "The stack this stack is promoted from (e.g. dev): deploying it requires `promote <from> <this>` first.");

    public static readonly ConfigKey PromotedDigest = new("promotedDigest", ConfigKind.String,
        "Written by `promote`: digest of the environment-independent part the source stack verified.", AppliesTo: "stacks with palisade:promoteFrom");

    public static readonly ConfigKey PromotedRevision = new("promotedRevision", ConfigKind.String,
        "Written by `promote`: the git revision that was promoted (the base for the next promotion's protection check).", AppliesTo: "stacks with palisade:promoteFrom");

    public static IReadOnlyList<ConfigKey> Keys { get; } =
    [
        Apps, KubeContext, Kubeconfig, IngressNamespace, IngressPodLabels, IngressClassName, IngressController, MonitoringNamespace, Cloud, Ingress, ClusterName, KubernetesVersion,
        VpcId, VpcCidr, VpcEndpointCidrs, NodeCidrs, AwsIdentity, AlbSubnetIds, AlbSubnetCidrs, SubnetIds, Network, Subnetwork, NodeType, NodeMinSize, NodeDesiredSize, NodeMaxSize, ApiAccessCidrs,
        PrivateNodes, MasterCidr, AdminRoleArns, VpcCniVersion, PolicyEventLogs, ClusterPolicyApi, GkeNetworkPolicy, DeletionProtection, Domain, CertificateArn, SslPolicy,
        UnenforcedLimits, TlsSecretName, Dns, PlatformServices, PromoteFrom, PromotedDigest, PromotedRevision,
    ];

    public static ConfigKey? Find(string name) => Keys.FirstOrDefault(k => k.Name == name);

    /// <summary>The keys that may be set with --secret (the program references them).</summary>
    public static IEnumerable<ConfigKey> MayBeSecretKeys => Keys.Where(k => k.Secret || k.MayBeSecret);
}
