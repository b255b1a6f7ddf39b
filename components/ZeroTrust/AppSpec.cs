using Palisade.Components.Aws;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.ZeroTrust;

/// <summary>
/// One tier of an application: its pods (selected by app.kubernetes.io/name = app and
/// app.kubernetes.io/component = tier), the namespace it runs in, its container ports and its service account.
/// </summary>
public sealed record TierSpec(
    string Name,
    string Namespace,
    IReadOnlyList<ContainerPort> Ports,
    string? ServiceAccount = null,
    string WorkloadKind = "Deployment",
    string? Image = null,
    bool Stateful = false)
{
    /// <summary>Port the ingress controller may reach (the tier is exposed), named or numeric.</summary>
    public IntOrString? ExposedPort { get; init; }

    /// <summary>Ports the monitoring system may scrape (metrics, health), named or numeric, each a TCP container port.</summary>
    public IReadOnlyList<IntOrString> MonitoredPorts { get; init; } = [];

    /// <summary>One port the monitoring system may scrape: shorthand for a single <see cref="MonitoredPorts"/> entry.</summary>
    public IntOrString MetricsPort
    {
        init => MonitoredPorts = [value];
    }

    /// <summary>
    /// The cloud permissions the tier's pods need. The stack's cloud decides how they are granted: IRSA on AWS,
    /// Workload Identity on GCP. The tier declares only what it needs.
    /// </summary>
    public CloudIdentitySpec? Identity { get; init; }

    public string ServiceAccountName => ServiceAccount ?? Name;
}

/// <summary>
/// What a tier needs from the cloud: AWS managed policy ARNs and inline statements, GCP project roles. An identity may
/// be declared for one cloud only (<see cref="Gcp"/>, <see cref="Aws"/>); a stack on the other cloud then refuses it.
/// </summary>
public sealed record CloudIdentitySpec(
    IReadOnlyList<string> AwsManagedPolicyArns,
    IReadOnlyList<IamStatement> AwsInlineStatements,
    IReadOnlyList<string> GcpRoles)
{
    public static CloudIdentitySpec Gcp(params string[] roles) => new([], [], roles);

    public static CloudIdentitySpec Aws(IReadOnlyList<IamStatement> statements, params string[] managedPolicyArns) => new(managedPolicyArns, statements, []);

    public bool ForAws => AwsManagedPolicyArns.Count > 0 || AwsInlineStatements.Count > 0;

    public bool ForGcp => GcpRoles.Count > 0;
}

/// <summary>One route of an app's ingress: requests whose path starts with Path go to Tier on its exposed port.</summary>
public sealed record IngressRouteSpec(string Path, string Tier)
{
    /// <summary>Limits of this route when they differ from the app's (<see cref="AppIngressSpec.Limits"/>).</summary>
    public EdgeLimits? Limits { get; init; }
}

/// <summary>
/// How an app is exposed: at <c>&lt;HostLabel&gt;.&lt;stack domain&gt;</c>, with routes to exposed tiers (longest path
/// first), the path the load balancer health-checks, and the edge limits every route has unless it declares its own.
/// </summary>
public sealed record AppIngressSpec(string HostLabel, IReadOnlyList<IngressRouteSpec> Routes, string HealthCheckPath = "/")
{
    public EdgeLimits Limits { get; init; } = EdgeLimits.Default;

    /// <summary>The limits that hold on one route: its own, else the app's.</summary>
    public EdgeLimits LimitsOf(IngressRouteSpec route) => route.Limits ?? Limits;
}

/// <summary>A declared connection from one tier to another on one port.</summary>
public sealed record FlowSpec(string From, string To, IntOrString Port, Protocol Protocol = Protocol.TCP)
{
    public override string ToString() => $"{From} -> {To} {Protocol}/{Port}";
}

/// <summary>Egress from a tier to addresses outside the cluster: a CIDR minus except ranges, on given ports.</summary>
public sealed record ExternalEgressSpec(
    string From,
    string Cidr,
    IReadOnlyList<string> Except,
    IReadOnlyList<int> Ports,
    Protocol Protocol = Protocol.TCP,
    string Description = "")
{
    public override string ToString() => $"{From} -> {Cidr} {Protocol}/{string.Join(",", Ports)}";
}

/// <summary>
/// A tiered application: what it is made of and which connections it needs. <see cref="Source"/> names where it is
/// declared, so errors can point at it.
/// </summary>
public sealed record AppSpec(
    string Name,
    IReadOnlyList<TierSpec> Tiers,
    IReadOnlyList<FlowSpec> Flows,
    IReadOnlyList<ExternalEgressSpec> ExternalEgress,
    string Source)
{
    /// <summary>The app's ingress, when it is exposed outside the cluster.</summary>
    public AppIngressSpec? Ingress { get; init; }

    /// <summary>Connections from the app's tiers to platform services the stack declares (Keycloak, Vault, ...).</summary>
    public IReadOnlyList<ServiceFlowSpec> ServiceFlows { get; init; } = [];

    /// <summary>
    /// What must never be open, whatever the flows say: refused at validation when a declaration contradicts it, and
    /// checked again on the connectivity computed from the rendered manifests.
    /// </summary>
    public IReadOnlyList<AppInvariant> Invariants { get; init; } = [];

    public IReadOnlyDictionary<string, string> PodLabels(TierSpec tier) =>
        Labels.Of((WellKnownLabels.AppName, Name), (WellKnownLabels.AppComponent, tier.Name));

    public LabelSelector Selector(TierSpec tier) => LabelSelector.WithLabels(PodLabels(tier));

    public TierSpec Tier(string name) => Tiers.First(t => t.Name == name);

    public IEnumerable<string> Namespaces => Tiers.Select(t => t.Namespace).Distinct().Order(StringComparer.Ordinal);
}
