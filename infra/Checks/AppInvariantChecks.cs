using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Infra.Checks;

/// <summary>
/// An app's invariant as the analysis sees it: the workload each tier runs as, and (for a per-port Never) the
/// traffic it forbids, named ports resolved.
/// </summary>
internal sealed record DeclaredInvariant(
    string App,
    string Source,
    AppInvariant Invariant,
    IReadOnlyDictionary<string, string> TierWorkloads,
    ConnectionSet Forbidden)
{
    public override string ToString() => $"{App}: {Invariant}";
}

/// <summary>One invariant after the analysis: held when nothing it forbids is open, else the open connections.</summary>
internal sealed record InvariantOutcome(DeclaredInvariant Invariant, IReadOnlyList<string> Violations)
{
    public bool Held => Violations.Count == 0;
}

/// <summary>
/// Checks every app invariant on the connectivity computed from the rendered manifests, so that what the
/// declaration promises is proved of what would be applied (a hand edit, a platform allowance or another app's
/// policy that opens a forbidden connection is caught here even though validation passed).
/// </summary>
internal static class AppInvariantChecks
{
    public const string Name = "Every app invariant holds (computed from the rendered policies)";

    private static readonly ConnectionSet DnsPorts =
        ConnectionSet.For(Protocol.UDP, 53, 53).Union(ConnectionSet.For(Protocol.TCP, 53, 53));

    public static CheckResult Run(ConnectivityResult actual, DeclaredConnectivity declared)
    {
        var outcomes = Evaluate(actual, declared);
        var failures = outcomes.SelectMany(o => o.Violations.Select(v => $"violated: {o.Invariant} ({o.Invariant.Source}): {v}")).ToList();
        return CheckResult.From(CheckIds.AppInvariants, Name, failures, outcomes.Count == 0
            ? "no app declares invariants"
            : $"{outcomes.Count} invariants of {outcomes.Select(o => o.Invariant.App).Distinct().Count()} app(s) hold on the computed connectivity");
    }

    public static IReadOnlyList<InvariantOutcome> Evaluate(ConnectivityResult actual, DeclaredConnectivity declared) =>
        declared.Invariants.Select(i => new InvariantOutcome(i, Violations(actual, declared, i))).ToList();

    private static IReadOnlyList<string> Violations(ConnectivityResult actual, DeclaredConnectivity declared, DeclaredInvariant bound)
    {
        var workloads = bound.TierWorkloads;
        return bound.Invariant switch
        {
            NeverReaches never => Open(actual.Between(workloads[never.From], workloads[never.To]).Intersect(bound.Forbidden))
                is { } open ? [$"{workloads[never.From]} => {workloads[never.To]} is open on {open}" + ConnectivityChecks.Allowed(DecidingRules.Allowing(actual, workloads[never.From], workloads[never.To], open))] : [],
            NoEgressBeyondDnsInvariant egress => actual.Connections
                .Where(c => c.Source is WorkloadPeer s && s.Id == workloads[egress.Tier])
                .Select(c => (c.Destination, Beyond: Beyond(c.Allowed, declared.IsDns(workloads[egress.Tier], c.Destination) ? DnsPorts : ConnectionSet.None)))
                .Where(x => !x.Beyond.IsEmpty)
                .Select(x => $"{workloads[egress.Tier]} => {x.Destination} is open on {x.Beyond}" +
                             ConnectivityChecks.Allowed(DecidingRules.Allowing(actual, new WorkloadPeer(actual.Workloads.First(w => w.Id == workloads[egress.Tier])), x.Destination, x.Beyond)))
                .ToList(),
            ReachableOnlyFrom only => actual.Connections
                .Where(c => c.Destination is WorkloadPeer d && d.Id == workloads[only.Tier] &&
                            !(c.Source is WorkloadPeer s && only.Sources.Any(t => workloads[t] == s.Id)))
                .Select(c => $"{c.Source} => {workloads[only.Tier]} is open on {c.Allowed}" + ConnectivityChecks.Allowed(DecidingRules.Allowing(actual, c.Source, c.Destination, c.Allowed)))
                .ToList(),
            NeverFromOutsideCluster outside => actual.Connections
                .Where(c => c.Source is ExternalPeer && c.Destination is WorkloadPeer d && d.Id == workloads[outside.Tier])
                .Select(c => $"{c.Source} => {workloads[outside.Tier]} is open on {c.Allowed}" + ConnectivityChecks.Allowed(DecidingRules.Allowing(actual, c.Source, c.Destination, c.Allowed)))
                .ToList(),
            _ => throw new InvalidOperationException($"Invariant kind {bound.Invariant.GetType().Name} has no check."),
        };
    }

    private static ConnectionSet? Open(ConnectionSet set) => set.IsEmpty ? null : set;

    /// <summary>The part of <paramref name="allowed"/> outside <paramref name="permitted"/> (empty when within).</summary>
    private static ConnectionSet Beyond(ConnectionSet allowed, ConnectionSet permitted) =>
        allowed.IsSubsetOf(permitted) ? ConnectionSet.None : allowed;
}
