using Palisade.Components.Connectivity;
using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;
using Palisade.Infra.Manifests;

namespace Palisade.Tests.Connectivity;

/// <summary>The four cluster policy kinds read into one model; what their CRD schemas reject is an error naming the key.</summary>
public sealed class ClusterPolicyReaderTests
{
    private const string Workloads = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: tenant-a, labels: {tenant: a}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: tenant-b, labels: {tenant: b}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: tenant-a}
        spec:
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: tenant-b}
        spec:
          template:
            metadata: {labels: {app: api}}
            spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}, {name: dns, containerPort: 53, protocol: UDP}]}]}
        """;

    private const string V1Alpha2 = """
        apiVersion: policy.networking.k8s.io/v1alpha2
        kind: ClusterNetworkPolicy
        metadata: {name: tenant-isolation}
        spec:
          tier: Admin
          priority: 10
          subject:
            namespaces: {matchExpressions: [{key: tenant, operator: Exists}]}
          ingress:
            - name: same-tenant-web
              action: Accept
              from: [{pods: {namespaceSelector: {matchLabels: {tenant: a}}, podSelector: {matchLabels: {app: web}}}}]
              protocols: [{tcp: {destinationPort: {number: 8080}}}, {udp: {destinationPort: {range: {start: 50, end: 60}}}}]
            - name: other-tenants
              action: Deny
              from: [{namespaces: {}}]
          egress:
            - name: metadata
              action: Deny
              to: [{networks: [169.254.169.254/32]}]
            - name: to-nodes
              action: Pass
              to: [{nodes: {}}]
        """;

    private static ManifestReadResult Parse(string text) =>
        ManifestDirectoryReader.Parse([new ManifestFile("m.yaml", Workloads + "\n---\n" + text)]);

    [Fact]
    public void V1alpha2_cluster_network_policy_reads_tier_priority_subject_rules_and_protocols()
    {
        var policy = Assert.Single(Parse(V1Alpha2).Cluster.EffectiveClusterPolicies);

        Assert.Equal(ClusterPolicyKind.ClusterNetworkPolicy, policy.Kind);
        Assert.Equal((PolicyTier.Admin, 10), (policy.Tier, policy.Priority));
        Assert.Equal(["same-tenant-web", "other-tenants"], policy.Ingress.Select(r => r.Name));
        Assert.Equal([new ClusterPort.Number(Protocol.TCP, 8080), new ClusterPort.Range(Protocol.UDP, 50, 60)], policy.Ingress[0].Ports!);
        Assert.Equal(PolicyAction.Pass, policy.Egress[1].Action);
        Assert.Equal("nodes", Assert.Single(policy.Egress[1].Peers).Unmodelled);
    }

    [Fact]
    public void A_read_v1alpha2_policy_decides_the_analysis_and_states_its_assumption()
    {
        var read = Parse(V1Alpha2);
        var result = ConnectivityAnalyzer.Analyze(read.Cluster);

        Assert.Equal("TCP 8080; UDP 50-60", result.Between("tenant-a/web[Deployment]", "tenant-b/api[Deployment]").ToString());
        Assert.True(result.Between("tenant-b/api[Deployment]", "tenant-a/web[Deployment]").IsEmpty);
        Assert.True(result.ToExternal("tenant-a/web[Deployment]", System.Net.IPAddress.Parse("169.254.169.254")).IsEmpty);
        Assert.Contains(result.Assumptions, a => a.Contains("'to-nodes'", StringComparison.Ordinal) && a.Contains("treated as matching nothing", StringComparison.Ordinal));
    }

    [Fact]
    public void V1alpha1_admin_and_baseline_policies_read_the_ports_shape_and_allow()
    {
        var read = Parse("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: dns}
            spec:
              priority: 5
              subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}
              egress:
                - name: dns
                  action: Allow
                  to: [{namespaces: {matchLabels: {tenant: b}}}]
                  ports: [{portNumber: {protocol: UDP, port: 53}}, {namedPort: http}, {portRange: {start: 9000, end: 9000}}]
            ---
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: BaselineAdminNetworkPolicy
            metadata: {name: default}
            spec:
              subject: {namespaces: {}}
              egress:
                - name: deny-rest
                  action: Deny
                  to: [{namespaces: {}}]
            """);
        var policies = read.Cluster.EffectiveClusterPolicies;
        var result = ConnectivityAnalyzer.Analyze(read.Cluster);

        Assert.Equal([PolicyTier.Admin, PolicyTier.Baseline], policies.Select(p => p.Tier).Order());
        var admin = Assert.Single(policies, p => p.Kind == ClusterPolicyKind.AdminNetworkPolicy);
        Assert.Equal(PolicyAction.Accept, admin.Egress[0].Action);
        Assert.Equal([new ClusterPort.Number(Protocol.UDP, 53), new ClusterPort.Named("http"), new ClusterPort.Range(Protocol.TCP, 9000, 9000)], admin.Egress[0].Ports!);
        Assert.Equal("TCP 8080,9000; UDP 53", result.Between("tenant-a/web[Deployment]", "tenant-b/api[Deployment]").ToString());
        Assert.True(result.Between("tenant-b/api[Deployment]", "tenant-a/web[Deployment]").IsEmpty);
    }

    [Fact]
    public void Aws_cluster_network_policy_reads_tier_accept_and_the_ports_shape()
    {
        var read = Parse("""
            apiVersion: networking.k8s.aws/v1alpha1
            kind: ClusterNetworkPolicy
            metadata: {name: baseline-deny}
            spec:
              tier: Baseline
              priority: 100
              subject: {namespaces: {matchLabels: {tenant: b}}}
              ingress:
                - action: Accept
                  from: [{namespaces: {matchLabels: {tenant: a}}}]
                  ports: [{portNumber: {port: 8080}}]
                - action: Deny
                  from: [{namespaces: {}}]
              egress:
                - action: Accept
                  to: [{domainNames: [example.com]}]
            """);
        var policy = Assert.Single(read.Cluster.EffectiveClusterPolicies);
        var result = ConnectivityAnalyzer.Analyze(read.Cluster);

        Assert.Equal((ClusterPolicyKind.AwsClusterNetworkPolicy, PolicyTier.Baseline), (policy.Kind, policy.Tier));
        Assert.Equal("TCP 8080", result.Between("tenant-a/web[Deployment]", "tenant-b/api[Deployment]").ToString());
        Assert.Contains(result.Assumptions, a => a.Contains("domainNames", StringComparison.Ordinal) && a.Contains("#0", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> Rejected() => new()
    {
        { "policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy", "spec: {tier: Admin, priority: 1001, subject: {namespaces: {}}}" },
        { "policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy", "spec: {tier: Platform, priority: 1, subject: {namespaces: {}}}" },
        { "policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy", "spec: {priority: 1, subject: {namespaces: {}}}" },
        { "policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy", "spec: {tier: Admin, priority: 1, subject: {namespaces: {}, pods: {podSelector: {}}}}" },
        { "policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy", "spec: {tier: Admin, priority: 1, subject: {namespaces: {}}, ingress: [{action: Allow, from: [{namespaces: {}}]}]}" },
        { "policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy", "spec: {tier: Admin, priority: 1, subject: {namespaces: {}}, ingress: [{action: Deny, from: []}]}" },
        { "policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy", "spec: {tier: Admin, priority: 1, subject: {namespaces: {}}, ingress: [{action: Deny, from: [{networks: [10.0.0.0/8]}]}]}" },
        { "policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy", "spec: {tier: Admin, priority: 1, subject: {namespaces: {}}, egress: [{action: Deny, to: [{networks: [10.0.0/8]}]}]}" },
        { "policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy", "spec: {tier: Admin, priority: 1, subject: {namespaces: {}}, egress: [{action: Deny, to: [{namespaces: {}}], ports: [{portNumber: {port: 80}}]}]}" },
        { "policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy", "spec: {tier: Admin, priority: 1, subject: {namespaces: {}}, egress: [{action: Deny, to: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {range: {start: 90, end: 80}}}}]}]}" },
        { "policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy", "spec: {tier: Admin, priority: 1, subject: {namespaces: {}}, egress: [{action: Deny, to: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {number: 0}}}]}]}" },
        { "policy.networking.k8s.io/v1alpha1", "AdminNetworkPolicy", "spec: {priority: 1, subject: {namespaces: {}}, ingress: [{action: Accept, from: [{namespaces: {}}]}]}" },
        { "policy.networking.k8s.io/v1alpha1", "AdminNetworkPolicy", "spec: {priority: 1, subject: {namespaces: {}}, ingress: [{action: Allow, from: [{namespaces: {sameLabels: [tenant]}}]}]}" },
        { "policy.networking.k8s.io/v1alpha1", "BaselineAdminNetworkPolicy", "spec: {subject: {namespaces: {}}, ingress: [{action: Pass, from: [{namespaces: {}}]}]}" },
        { "policy.networking.k8s.io/v1alpha1", "AdminNetworkPolicy", "spec: {priority: 1, subject: {namespaces: {}}, egress: [{action: Deny, to: [{namespaces: {}}], ports: [{portNumber: {protocol: ICMP, port: 1}}]}]}" },
        { "networking.k8s.aws/v1alpha1", "ClusterNetworkPolicy", "spec: {tier: Admin, priority: 1, subject: {namespaces: {}}, egress: [{action: Deny, to: [{nodes: {}}]}]}" },
        { "policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy", "spec: {tier: Admin, priority: 1, subject: {namespaces: {}}, egress: [{action: Deny, to: [{networks: [" + string.Join(", ", Enumerable.Range(1, 26).Select(i => $"10.{i}.0.0/16")) + "]}]}]}" },
        { "policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy", "spec: {tier: Admin, priority: 1, subject: {namespaces: {}}, ingress: [" + string.Join(", ", Enumerable.Repeat("{action: Deny, from: [{namespaces: {}}]}", 26)) + "]}" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void What_the_schema_rejects_is_an_error_naming_the_policy(string apiVersion, string kind, string spec)
    {
        var error = Assert.Throws<InputError>(() => Parse($"apiVersion: {apiVersion}\nkind: {kind}\nmetadata: {{name: default}}\n{spec}\n"));

        Assert.Contains($"({kind} default)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_baseline_admin_network_policy_not_named_default_is_an_error()
    {
        var error = Assert.Throws<InputError>(() => Parse("apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: {name: mine}\nspec: {subject: {namespaces: {}}}\n"));

        Assert.Contains("must be named default", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_cluster_policy_twice_is_an_error_and_other_groups_are_skipped()
    {
        var twice = "apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: x}\nspec: {tier: Admin, priority: 1, subject: {namespaces: {}}}\n";
        Assert.Contains("defined twice", Assert.Throws<InputError>(() => Parse(twice + "---\n" + twice)).Message, StringComparison.Ordinal);

        var other = Parse("apiVersion: example.com/v1\nkind: ClusterNetworkPolicy\nmetadata: {name: x}\nspec: {}\n");
        Assert.Empty(other.Cluster.EffectiveClusterPolicies);
        Assert.Contains(other.Notes, n => n.Contains("skipped ClusterNetworkPolicy", StringComparison.Ordinal));
    }
}
