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

    /// <summary>Port the monitoring system may scrape.</summary>
    public IntOrString? MetricsPort { get; init; }

    public string ServiceAccountName => ServiceAccount ?? Name;
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
    public IReadOnlyDictionary<string, string> PodLabels(TierSpec tier) =>
        Labels.Of((WellKnownLabels.AppName, Name), (WellKnownLabels.AppComponent, tier.Name));

    public LabelSelector Selector(TierSpec tier) => LabelSelector.WithLabels(PodLabels(tier));

    public TierSpec Tier(string name) => Tiers.First(t => t.Name == name);

    public IEnumerable<string> Namespaces => Tiers.Select(t => t.Namespace).Distinct().Order(StringComparer.Ordinal);
}
