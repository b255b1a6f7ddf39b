using Palisade.Components.Kubernetes;

namespace Palisade.Tests.Connectivity;

/// <summary>
/// Platform guardrails on top of <see cref="SyntheticClusters"/>, as many as asked for, over both cluster tiers:
/// Admin metadata and cross-team database denies with a Pass for the own team, DNS and monitoring accepts, and Baseline
/// tenant isolation per team. Also compiled into Palisade.Benchmarks.
/// </summary>
public static class SyntheticClusterPolicies
{
    public static ClusterModel Generate(int workloads, int namespaces, int clusterPolicies, int seed = 1)
    {
        var cluster = SyntheticClusters.Generate(workloads, namespaces, seed);
        var teams = Math.Max(1, namespaces / 10);
        var policies = new List<ClusterNetworkPolicy>
        {
            Admin("no-metadata", 0, new ClusterPodSelection(LabelSelector.Everything),
                egress: [new ClusterPolicyRule("metadata", PolicyAction.Deny, [new ClusterPeer(Networks: ["169.254.169.254/32"])])]),
            Admin("dns", 1, new ClusterPodSelection(LabelSelector.Everything),
                egress: [new ClusterPolicyRule("dns", PolicyAction.Accept,
                    [new ClusterPeer(new ClusterPodSelection(LabelSelector.WithLabels((WellKnownLabels.NamespaceName, "kube-system")), LabelSelector.WithLabels(("k8s-app", "kube-dns"))))],
                    [new ClusterPort.Number(Protocol.UDP, 53), new ClusterPort.Number(Protocol.TCP, 53)])]),
            Admin("monitoring", 2, new ClusterPodSelection(LabelSelector.Everything),
                ingress: [new ClusterPolicyRule("scrape", PolicyAction.Accept,
                    [new ClusterPeer(new ClusterPodSelection(LabelSelector.WithLabels(("purpose", "observability"))))], [new ClusterPort.Named("metrics")])]),
        };
        for (var i = 0; policies.Count < clusterPolicies; i++)
        {
            var team = LabelSelector.WithLabels(("team", $"team-{i % teams}"));
            policies.Add(i % 2 == 0
                ? Admin($"db-team-{i}", 10 + i, new ClusterPodSelection(team, LabelSelector.WithLabels(("tier", "db"))),
                    ingress:
                    [
                        new ClusterPolicyRule("same-team", PolicyAction.Pass, [new ClusterPeer(new ClusterPodSelection(team))]),
                        new ClusterPolicyRule("other-teams", PolicyAction.Deny, [new ClusterPeer(new ClusterPodSelection(LabelSelector.Everything))], [new ClusterPort.Range(Protocol.TCP, 5000, 5999)]),
                    ])
                : new ClusterNetworkPolicy(ClusterPolicyKind.ClusterNetworkPolicy, $"tenant-{i}", PolicyTier.Baseline, i, new ClusterPodSelection(team),
                    [
                        new ClusterPolicyRule("same-team", PolicyAction.Accept, [new ClusterPeer(new ClusterPodSelection(team))]),
                        new ClusterPolicyRule("others", PolicyAction.Deny, [new ClusterPeer(new ClusterPodSelection(LabelSelector.Everything))]),
                    ],
                    []));
        }

        return cluster with { ClusterPolicies = policies };
    }

    private static ClusterNetworkPolicy Admin(string name, int priority, ClusterPodSelection subject,
        IReadOnlyList<ClusterPolicyRule>? ingress = null, IReadOnlyList<ClusterPolicyRule>? egress = null) =>
        new(ClusterPolicyKind.ClusterNetworkPolicy, name, PolicyTier.Admin, priority, subject, ingress ?? [], egress ?? []);
}
