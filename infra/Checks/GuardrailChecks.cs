using Palisade.Components.Connectivity;
using Palisade.Components.Guardrails;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Infra.Manifests;
using Palisade.Stacks.Composition;
using Palisade.Stacks.Platform;

namespace Palisade.Infra.Checks;

/// <summary>
/// On a target with a cluster tier: the guardrails are in the rendered manifests as that target's cluster policies
/// (not as NetworkPolicies a tenant could widen), and they hold against the worst a tenant can do — the manifests
/// are analysed again with an allow-all NetworkPolicy (every ingress and egress) in every tenant namespace, and
/// still no app workload reaches the link-local credential endpoints beyond its declared identity endpoint, a system
/// namespace beyond the resolver on 53, another tenant namespace it declares no flow to, or a platform service beyond
/// the ports its namespace declares. Targets without a cluster tier run neither check: the plan warns instead.
/// </summary>
internal static class GuardrailChecks
{
    public const string AdversaryFile = "manifests/zz-guardrail-adversary.yaml";
    public const string AdversaryPolicy = "tenant-allow-all";

    public static IReadOnlyList<CheckResult> Run(SynthesizedStack stack, IReadOnlyDictionary<string, string> files, DeclaredConnectivity declared,
        Func<IReadOnlyDictionary<string, string>, ConnectivityResult> analyze)
    {
        if (stack.Guardrails is not { Enforcement: GuardrailEnforcement.ClusterTier tier } guardrails)
        {
            return [];
        }

        return [Emitted(guardrails, tier.Api, files), HoldAgainstTenants(guardrails.Args, files, declared, analyze)];
    }

    private static CheckResult Emitted(StackGuardrails guardrails, ClusterPolicyApi api, IReadOnlyDictionary<string, string> files)
    {
        var rendered = ManifestDirectoryReader.Parse(files.Where(f => f.Key.StartsWith("manifests/", StringComparison.Ordinal))
            .Select(f => new ManifestFile(f.Key, f.Value))).Cluster;
        var failures = new List<string>();
        foreach (var expected in guardrails.Policies)
        {
            var found = rendered.EffectiveClusterPolicies.FirstOrDefault(p => p.Name == expected.Name);
            if (found is null)
            {
                var namespaced = rendered.Policies.Where(p => p.Name == expected.Name).Select(p => $"{p.Namespace}/{p.Name}").ToList();
                failures.Add($"guardrail {expected.Name} is not a cluster policy" +
                             (namespaced.Count > 0 ? $" (it is rendered as NetworkPolicy {string.Join(", ", namespaced)}, which tenant policies can widen)" : " (it is not rendered)"));
            }
            else if (found.Kind != api.ReadAs || found.Tier != PolicyTier.Admin || found.Priority != expected.Priority)
            {
                failures.Add($"guardrail {expected.Name} is {found.Kind} in the {found.Tier} tier at priority {found.Priority}; the target enforces {api.ReadAs} in the Admin tier at priority {expected.Priority}");
            }
            else if (!found.Subject.Equals(expected.Subject) || !SameRules(found.Ingress, expected.Ingress) || !SameRules(found.Egress, expected.Egress))
            {
                failures.Add($"guardrail {expected.Name} as rendered has other subjects or rules than the guardrail model");
            }
        }

        return CheckResult.From(CheckIds.GuardrailsClusterTier, $"the guardrails are Admin-tier {api.ApiVersion} ClusterNetworkPolicies", failures,
            $"{guardrails.Policies.Count} cluster policies: {string.Join(", ", guardrails.Policies.Select(p => p.Name))}");
    }

    private static bool SameRules(IReadOnlyList<ClusterPolicyRule> a, IReadOnlyList<ClusterPolicyRule> b) =>
        a.Count == b.Count && a.Zip(b).All(pair =>
            pair.First.Name == pair.Second.Name && pair.First.Action == pair.Second.Action &&
            (pair.First.Ports ?? []).SequenceEqual(pair.Second.Ports ?? []) &&
            pair.First.Peers.Count == pair.Second.Peers.Count &&
            pair.First.Peers.Zip(pair.Second.Peers).All(peers => Equals(peers.First.Pods, peers.Second.Pods) &&
                                                             (peers.First.Networks ?? []).SequenceEqual(peers.Second.Networks ?? []) &&
                                                             peers.First.Unmodelled == peers.Second.Unmodelled));

    private static CheckResult HoldAgainstTenants(GuardrailArgs args, IReadOnlyDictionary<string, string> files, DeclaredConnectivity declared,
        Func<IReadOnlyDictionary<string, string>, ConnectivityResult> analyze)
    {
        var attacked = new SortedDictionary<string, string>(files.ToDictionary(), StringComparer.Ordinal)
        {
            [AdversaryFile] = Adversary(args.TenantNamespaces),
        };
        var open = analyze(attacked);
        var workloads = open.Workloads.ToDictionary(w => w.Id, StringComparer.Ordinal);
        var dns = ConnectionSet.For(Protocol.UDP, DnsResolver.Port, DnsResolver.Port).Union(ConnectionSet.For(Protocol.TCP, DnsResolver.Port, DnsResolver.Port));
        var failures = new List<string>();
        var pairs = 0;
        foreach (var source in declared.AppWorkloads.Order(StringComparer.Ordinal).Select(id => workloads[id]))
        {
            foreach (var address in MetadataAddress.CredentialAddresses)
            {
                var reached = open.ToExternal(source.Id, address);
                var allowed = declared.ToExternal(source.Id, address);
                if (!reached.Union(allowed).Equals(allowed))
                {
                    failures.Add($"{source.Id} => {address}: {reached} with a tenant allow-all policy" + (allowed.IsEmpty ? string.Empty : $" (only {allowed} is declared)"));
                }
            }

            foreach (var destination in open.Workloads.Where(w => w.Namespace != source.Namespace))
            {
                var limit = Limit(args, declared, dns, source, destination);
                if (limit is null)
                {
                    continue;
                }

                pairs++;
                var reached = open.Between(source.Id, destination.Id);
                if (!reached.Union(limit.Value.Allowed).Equals(limit.Value.Allowed))
                {
                    failures.Add($"{source.Id} => {destination.Id}: {reached} with a tenant allow-all policy ({limit.Value.Why})");
                }
            }
        }

        return CheckResult.From(CheckIds.GuardrailsHold, "no tenant policy opens what a guardrail denies (analysed again with an allow-all NetworkPolicy in every tenant namespace)",
            failures,
            $"{declared.AppWorkloads.Count} app workloads: credential endpoints, system namespaces, {pairs} guarded workload pairs closed as the guardrails say");
    }

    /// <summary>What a guardrail leaves open from source to destination, or null when no guardrail speaks for the pair.</summary>
    private static (ConnectionSet Allowed, string Why)? Limit(GuardrailArgs args, DeclaredConnectivity declared, ConnectionSet dns, Workload source, Workload destination)
    {
        if (args.SystemNamespaces.Contains(destination.Namespace))
        {
            return declared.DnsWorkloads.Contains(destination.Id)
                ? (dns, $"system namespace {destination.Namespace}: the resolver on 53 only")
                : (ConnectionSet.None, $"system namespace {destination.Namespace} is closed to tenants");
        }

        if (args.TenantNamespaces.Contains(destination.Namespace))
        {
            return args.DeclaredNamespaceFlows.Contains((source.Namespace, destination.Namespace))
                ? null
                : (ConnectionSet.None, $"no flow from {source.Namespace} to {destination.Namespace} is declared");
        }

        var services = args.Services.Where(s => s.Service.Namespace == destination.Namespace).ToList();
        if (services.Count == 0)
        {
            return null;
        }

        var ports = services.Where(s => s.FromNamespace == source.Namespace && s.Service.Peer.Selects(destination))
            .SelectMany(s => s.Ports)
            .Aggregate(ConnectionSet.None, (set, p) => set.Union(ConnectionSet.For(p.Protocol, p.Port, p.Port)));
        return (ports, $"platform service namespace {destination.Namespace}: only the ports {source.Namespace} declares");
    }

    /// <summary>The worst a tenant can write in its own namespace: every pod open for every ingress and egress.</summary>
    public static string Adversary(IEnumerable<string> namespaces) => string.Join("---\n", namespaces.Order(StringComparer.Ordinal).Select(ns => $"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: {AdversaryPolicy}
          namespace: {ns}
        spec:
          podSelector: {"{}"}
          policyTypes: [Ingress, Egress]
          ingress:
            - {"{}"}
          egress:
            - {"{}"}

        """));
}
