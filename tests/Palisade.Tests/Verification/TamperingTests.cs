using Palisade.Infra.Checks;
using Palisade.Infra.Synthesis;

namespace Palisade.Tests.Verification;

/// <summary>
/// The verification reads the rendered manifests, so a manifest that drifts from the declaration is caught. Each
/// test edits the rendered text the way a careless hand edit would and expects the matching check to fail.
/// </summary>
public class TamperingTests
{
    private static IReadOnlyDictionary<CheckId, CheckResult> Verify(Func<string, string, string> edit)
    {
        var result = StackFixtures.Voting();
        var files = result.Files.ToDictionary(f => f.Key, f => edit(f.Key, f.Value));
        return ConnectivityChecks.Run(Synthesizer.AnalyzeRendered(files), result.Declared).ToDictionary(c => c.Id);
    }

    private static CheckResult Check(IReadOnlyDictionary<CheckId, CheckResult> checks, CheckId id) => checks[id];

    [Fact]
    public void Untouched_manifests_verify()
    {
        Assert.All(Verify((_, text) => text).Values, c => Assert.True(c.Passed, string.Join("; ", c.Findings)));
    }

    [Fact]
    public void A_wrong_port_blocks_a_declared_flow()
    {
        var checks = Verify((path, text) => path == "manifests/voting-api.yaml" ? text.Replace("port: 8000", "port: 8080") : text);

        var blocked = Check(checks, CheckIds.DeclaredFlowsOpen);
        Assert.False(blocked.Passed);
        Assert.Contains(blocked.Findings, f => f.Contains("voting-frontend/frontend[Deployment] => voting-api/api[Deployment] needs TCP 8000"));
        Assert.Contains(blocked.Findings, f => f.Contains("denied by ingress of voting-api/api[Deployment]: the pod is selected by voting-api/"));
    }

    [Fact]
    public void Separating_namespace_and_pod_selectors_opens_undeclared_connections()
    {
        // The classic mistake: a separate list entry (OR) with a broad namespace selector instead of one entry (AND)
        // admits every pod of every namespace whose egress is open, such as the platform's.
        var checks = Verify((path, text) => path == "manifests/voting-data.yaml"
            ? text.Replace(
                "            matchLabels:\n              kubernetes.io/metadata.name: voting-api\n          podSelector:",
                "            matchLabels: {}\n        - podSelector:")
            : text);

        Assert.False(Check(checks, CheckIds.NothingUndeclaredOpen).Passed);
    }

    [Fact]
    public void Removing_dns_egress_makes_dns_unreachable()
    {
        var checks = Verify((path, text) => path.StartsWith("manifests/", StringComparison.Ordinal) ? text.Replace("k8s-app: kube-dns", "k8s-app: kube-dns-typo") : text);

        // One finding per workload of the app (every tier resolves names).
        var dns = Check(checks, CheckIds.DnsReachable);
        Assert.False(dns.Passed);
        Assert.Equal(Palisade.Examples.VotingApp.Define().Tiers.Count, dns.Findings.Count);
    }

    [Fact]
    public void An_open_egress_rule_reaches_the_metadata_address()
    {
        var checks = Verify((path, text) => path == "manifests/voting-api.yaml"
            ? text.Replace("  policyTypes:\n    - Ingress\n    - Egress\n", "  egress:\n    - {}\n  policyTypes:\n    - Ingress\n    - Egress\n")
            : text);

        var metadata = Check(checks, CheckIds.MetadataUnreachable);
        Assert.False(metadata.Passed);
        Assert.False(Check(checks, CheckIds.NothingUndeclaredOpen).Passed);
        var api = Assert.Single(Synthesizer.AnalyzeRendered(StackFixtures.Voting().Files).Workloads, w => w.Id == "voting-api/api[Deployment]");
        Assert.Contains(metadata.Findings, f => f.StartsWith($"{api.Id} can reach cloud-metadata 169.254.169.254", StringComparison.Ordinal) &&
                                                f.Contains("— allowed by egress of voting-api/api[Deployment]: NetworkPolicy voting-api/", StringComparison.Ordinal));
    }
}
