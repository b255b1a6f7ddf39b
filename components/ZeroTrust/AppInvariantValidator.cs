using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.ZeroTrust;

/// <summary>
/// Refuses invariants that name unknown tiers or ports, and declarations that contradict an invariant: a flow, an
/// external egress, an exposure or a monitored port that would open what the app says must stay closed.
/// </summary>
internal static class AppInvariantValidator
{
    private const string ContradictionFix = "Remove it, or change the invariant if the architecture really changed.";

    public static void Validate(AppSpec app, string where, IReadOnlyDictionary<string, TierSpec> tiers)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < app.Invariants.Count; i++)
        {
            var invariant = app.Invariants[i];
            var at = At(where, i, invariant);
            foreach (var tier in invariant.Tiers)
            {
                AppValidator.RequireTier(tiers, tier, at, "tier");
            }

            ValidateShape(invariant, tiers, at);
            if (!seen.Add(Key(invariant, tiers)))
            {
                throw new InputError(at, "the invariant is declared twice", "Remove the duplicate invariant.");
            }
        }

        for (var i = 0; i < app.Flows.Count; i++)
        {
            var flow = app.Flows[i];
            Refuse(app, $"{where} flows[{i}] ({flow})", "the flow", inv => Opens(flow, inv, tiers));
        }

        for (var i = 0; i < app.ExternalEgress.Count; i++)
        {
            var egress = app.ExternalEgress[i];
            Refuse(app, $"{where} externalEgress[{i}] ({egress})", "the external egress",
                inv => inv is NoEgressBeyondDnsInvariant n && n.Tier == egress.From);
        }

        foreach (var tier in app.Tiers)
        {
            if (tier.ExposedPort is not null)
            {
                Refuse(app, $"{where} tier '{tier.Name}' exposedPort", "exposing the tier to the ingress controller or load balancer",
                    inv => inv is ReachableOnlyFrom r && r.Tier == tier.Name || inv is NeverFromOutsideCluster o && o.Tier == tier.Name);
            }

            if (tier.MonitoredPorts.Count > 0)
            {
                Refuse(app, $"{where} tier '{tier.Name}' monitoredPorts", "letting monitoring scrape the tier",
                    inv => inv is ReachableOnlyFrom r && r.Tier == tier.Name);
            }
        }
    }

    private static string At(string where, int index, AppInvariant invariant) => $"{where} invariants[{index}] ({invariant})";

    private static void Refuse(AppSpec app, string at, string what, Func<AppInvariant, bool> contradicts)
    {
        for (var j = 0; j < app.Invariants.Count; j++)
        {
            if (contradicts(app.Invariants[j]))
            {
                throw new InputError(at, $"{what} contradicts invariants[{j}] ({app.Invariants[j]})", ContradictionFix);
            }
        }
    }

    private static void ValidateShape(AppInvariant invariant, IReadOnlyDictionary<string, TierSpec> tiers, string at)
    {
        switch (invariant)
        {
            case NeverReaches never:
                if (never.From == never.To)
                {
                    throw new InputError(at, $"the invariant forbids tier '{never.From}' to reach itself",
                        "Pods of one tier are one workload; name two different tiers.");
                }

                if (never.Port is { } port)
                {
                    AppValidator.RequirePortOn(tiers[never.To], port, never.Protocol, at, "so the invariant would guard nothing");
                }

                break;
            case ReachableOnlyFrom only:
                if (only.Sources.Count == 0)
                {
                    throw new InputError(at, "no tier may reach the tier, so the invariant says it is unreachable",
                        "Name the tiers that may reach it.");
                }

                if (only.Sources.Contains(only.Tier, StringComparer.Ordinal) || only.Sources.Distinct(StringComparer.Ordinal).Count() != only.Sources.Count)
                {
                    throw new InputError(at, "the sources name the tier itself or a tier twice", "Name each other tier once.");
                }

                break;
        }
    }

    /// <summary>Whether declaring the flow opens what the invariant forbids.</summary>
    private static bool Opens(FlowSpec flow, AppInvariant invariant, IReadOnlyDictionary<string, TierSpec> tiers) => invariant switch
    {
        NeverReaches never => never.From == flow.From && never.To == flow.To &&
                              (never.Port is not { } port ||
                               (never.Protocol == flow.Protocol && SamePort(tiers[flow.To], port, flow.Port, flow.Protocol))),
        NoEgressBeyondDnsInvariant egress => egress.Tier == flow.From,
        ReachableOnlyFrom only => only.Tier == flow.To && !only.Sources.Contains(flow.From, StringComparer.Ordinal),
        _ => false,
    };

    private static bool SamePort(TierSpec tier, IntOrString a, IntOrString b, Protocol protocol) =>
        ContainerPorts.Find(tier, a, protocol)?.Port == ContainerPorts.Find(tier, b, protocol)?.Port;

    private static string Key(AppInvariant invariant, IReadOnlyDictionary<string, TierSpec> tiers) => invariant switch
    {
        NeverReaches { Port: { } port } n => $"never {n.From} {n.To} {n.Protocol} {ContainerPorts.Find(tiers[n.To], port, n.Protocol)!.Port}",
        ReachableOnlyFrom r => $"only {r.Tier} {string.Join(",", r.Sources.Order(StringComparer.Ordinal))}",
        _ => invariant.ToString(),
    };
}
