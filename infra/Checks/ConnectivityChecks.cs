using System.Net;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Infra.Checks;

/// <summary>
/// Compares what the rendered policies really allow (the connectivity analysis) with what the stack declares:
/// every declared flow open, nothing undeclared open, DNS reachable, the metadata address unreachable, and every
/// app invariant held.
/// </summary>
internal static class ConnectivityChecks
{
    public static IReadOnlyList<CheckResult> Run(ConnectivityResult actual, DeclaredConnectivity declared) =>
    [
        DeclaredFlowsOpen(actual, declared),
        NothingUndeclaredOpen(actual, declared),
        DnsReachable(actual, declared),
        MetadataUnreachable(actual, declared),
        AppInvariantChecks.Run(actual, declared),
    ];

    private static readonly ConnectionSet DnsPorts =
        ConnectionSet.For(Protocol.UDP, DnsResolver.Port, DnsResolver.Port).Union(ConnectionSet.For(Protocol.TCP, DnsResolver.Port, DnsResolver.Port));

    /// <summary>" — allowed by …" naming the deciding rules, or nothing when the result cannot say.</summary>
    internal static string Allowed(string rules) => rules.Length == 0 ? string.Empty : $" — allowed by {rules}";

    private static string Denied(ConnectivityResult actual, string source, string destination, ConnectionSet missing) =>
        DecidingRules.Denying(actual, source, destination, missing) is { Length: > 0 } rules ? $" — denied by {rules}" : string.Empty;

    private static CheckResult DeclaredFlowsOpen(ConnectivityResult actual, DeclaredConnectivity declared)
    {
        var failures = new List<string>();
        foreach (var ((source, destination), expected) in declared.Pairs.OrderBy(p => p.Key.Source, StringComparer.Ordinal).ThenBy(p => p.Key.Destination, StringComparer.Ordinal))
        {
            var open = actual.Between(source, destination);
            if (!expected.IsSubsetOf(open))
            {
                failures.Add($"blocked: {source} => {destination} needs {expected}, policies allow {open} ({string.Join("; ", declared.ReasonsFor(source, destination))})" +
                             Denied(actual, source, destination, expected.Subtract(open)));
            }
        }

        foreach (var external in declared.External)
        {
            foreach (var probe in external.Probes())
            {
                var open = external.Inbound ? actual.FromExternal(probe, external.WorkloadId) : actual.ToExternal(external.WorkloadId, probe);
                if (!external.Allowed.IsSubsetOf(open))
                {
                    var missing = external.Allowed.Subtract(open);
                    failures.Add(external.Inbound
                        ? $"blocked: {probe} => {external.WorkloadId} needs {external.Allowed} ({external.Reason})" + Denied(actual, probe.ToString(), external.WorkloadId, missing)
                        : $"blocked: {external.WorkloadId} => {probe} needs {external.Allowed} ({external.Reason})" + Denied(actual, external.WorkloadId, probe.ToString(), missing));
                }
            }
        }

        return CheckResult.From(CheckIds.DeclaredFlowsOpen, "Every declared flow is open (computed from the rendered policies)", failures,
            $"{declared.Pairs.Count} workload pairs and {declared.External.Count} external destinations open as declared");
    }

    private static CheckResult NothingUndeclaredOpen(ConnectivityResult actual, DeclaredConnectivity declared)
    {
        var failures = new List<string>();
        foreach (var connection in actual.Connections)
        {
            var (source, destination) = (connection.Source, connection.Destination);
            var involvesApp = (source is WorkloadPeer s && declared.AppWorkloads.Contains(s.Id)) ||
                              (destination is WorkloadPeer d && declared.AppWorkloads.Contains(d.Id));
            if (!involvesApp)
            {
                continue;
            }

            var allowed = (source, destination) switch
            {
                (WorkloadPeer a, WorkloadPeer b) => declared.Between(a.Id, b.Id),
                (WorkloadPeer a, ExternalPeer b) => DeclaredForEveryRange(b, address => declared.ToExternal(a.Id, address)),
                (ExternalPeer a, WorkloadPeer b) => DeclaredForEveryRange(a, address => declared.FromExternal(address, b.Id)),
                _ => ConnectionSet.None,
            };
            if (!connection.Allowed.IsSubsetOf(allowed))
            {
                failures.Add($"open but not declared: {source} => {destination}: {connection.Allowed}" +
                             (allowed.IsEmpty ? string.Empty : $" (declared {allowed})") +
                             Allowed(DecidingRules.Allowing(actual, source, destination, connection.Allowed.Subtract(allowed))));
            }
        }

        return CheckResult.From(CheckIds.NothingUndeclaredOpen, "Nothing undeclared is open to or from an app workload", failures,
            $"{actual.Connections.Count} allowed connections analysed");
    }

    /// <summary>
    /// What is declared for all of an external peer's ranges (a peer may group several ranges with the same traffic).
    /// The analysis splits addresses at every policy boundary, so each range's endpoints stand for the whole range.
    /// </summary>
    private static ConnectionSet DeclaredForEveryRange(ExternalPeer peer, Func<System.Net.IPAddress, ConnectionSet> declaredAt) =>
        peer.Ranges
            .SelectMany(r => new[] { r.FirstAddress, r.LastAddress })
            .Select(declaredAt)
            .Aggregate(ConnectionSet.All, (set, next) => set.Intersect(next));

    private static CheckResult DnsReachable(ConnectivityResult actual, DeclaredConnectivity declared)
    {
        var resolver = declared.Resolver;
        var failures = new List<string>();
        foreach (var workload in declared.AppWorkloads.Order(StringComparer.Ordinal))
        {
            bool Both(Func<Protocol, bool> allows) => allows(Protocol.UDP) && allows(Protocol.TCP);
            var viaPods = declared.DnsWorkloads.Any(d => Both(p => actual.Allows(workload, d, p, DnsResolver.Port)));
            var viaAddresses = resolver.Addresses.Count > 0 && resolver.Addresses.All(a =>
                Both(p => actual.ToExternal(workload, IPNetwork.Parse(a).BaseAddress).Allows(p, DnsResolver.Port)));
            if (resolver.Addresses.Count > 0 ? !viaAddresses : !viaPods)
            {
                failures.Add($"{workload} cannot reach the {resolver.Name} resolver ({resolver}) on UDP and TCP 53" + (resolver.Addresses.Count > 0
                    ? Denied(actual, workload, IPNetwork.Parse(resolver.Addresses[0]).BaseAddress.ToString(), DnsPorts)
                    : declared.DnsWorkloads.Order(StringComparer.Ordinal).FirstOrDefault() is { } dns ? Denied(actual, workload, dns, DnsPorts) : string.Empty));
            }
        }

        return CheckResult.From(CheckIds.DnsReachable, $"DNS is reachable from every app workload through the cluster's resolver ({resolver.Name})", failures,
            $"{declared.AppWorkloads.Count} workloads reach {resolver} on UDP/TCP 53");
    }

    private static CheckResult MetadataUnreachable(ConnectivityResult actual, DeclaredConnectivity declared)
    {
        var failures = new List<string>();
        var exceptions = new List<string>();
        foreach (var workload in declared.AppWorkloads.Order(StringComparer.Ordinal))
        {
            foreach (var address in MetadataAddress.CredentialAddresses)
            {
                var open = actual.ToExternal(workload, address);
                var allowed = declared.ToExternal(workload, address);
                if (!open.IsSubsetOf(allowed))
                {
                    failures.Add($"{workload} can reach {PlatformEndpoints.Describe(address)}: {open}" + (allowed.IsEmpty ? string.Empty : $" (only {allowed} is declared)") +
                                 Allowed(DecidingRules.Allowing(actual, workload, address.ToString(), open.Subtract(allowed))));
                }
                else if (!open.IsEmpty)
                {
                    exceptions.Add($"{workload} -> {PlatformEndpoints.Describe(address)} {open}");
                }
            }
        }

        return CheckResult.From(CheckIds.MetadataUnreachable, "Instance metadata is unreachable from app workloads, except the declared identity endpoint (and Cloud DNS on 53)", failures,
            $"checked {declared.AppWorkloads.Count} workloads at {string.Join(", ", MetadataAddress.CredentialAddresses.Select(PlatformEndpoints.Describe))}" +
            (exceptions.Count == 0 ? "; no exceptions" : $"; declared exceptions: {string.Join("; ", exceptions)}"));
    }
}
