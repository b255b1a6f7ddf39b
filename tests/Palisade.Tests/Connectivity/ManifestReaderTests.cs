using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;
using Palisade.Infra.Manifests;

namespace Palisade.Tests.Connectivity;

public sealed class ManifestReaderTests
{
    private static ManifestReadResult Parse(params (string Path, string Text)[] files) =>
        ManifestDirectoryReader.Parse(files.Select(f => new ManifestFile(f.Path, f.Text)));

    private static Workload Workload(ManifestReadResult read, string id) => Assert.Single(read.Cluster.Workloads, w => w.Id == id);

    [Fact]
    public void Controllers_are_named_by_themselves_with_pod_template_labels_and_ports()
    {
        const string template = """
              template:
                metadata:
                  labels: {app: KIND}
                spec:
                  initContainers:
                    - name: proxy
                      ports: [{name: proxy, containerPort: 15001}]
                  containers:
                    - name: main
                      ports:
                        - {name: http, containerPort: 8080}
                        - {name: dns, containerPort: 53, protocol: UDP}
            """;
        var kinds = new[] { ("apps/v1", "Deployment"), ("apps/v1", "ReplicaSet"), ("apps/v1", "StatefulSet"), ("apps/v1", "DaemonSet"), ("v1", "ReplicationController"), ("batch/v1", "Job") };
        var docs = kinds.Select(k => $"apiVersion: {k.Item1}\nkind: {k.Item2}\nmetadata: {{name: x, namespace: ns}}\nspec:\n{template.Replace("KIND", k.Item2, StringComparison.Ordinal)}\n").ToList();
        docs.Add($"apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: x}}\nspec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n{string.Join("\n", template.Replace("KIND", "CronJob", StringComparison.Ordinal).Split('\n').Select(l => "    " + l))}\n");

        var read = Parse(("all.yaml", string.Join("---\n", docs)));

        foreach (var (_, kind) in kinds)
        {
            var workload = Workload(read, $"ns/x[{kind}]");
            Assert.Equal(kind, workload.Labels["app"]);
            Assert.Equal([new ContainerPort(8080, Protocol.TCP, "http"), new ContainerPort(53, Protocol.UDP, "dns"), new ContainerPort(15001, Protocol.TCP, "proxy")], workload.Ports);
        }

        Assert.Equal("CronJob", Workload(read, "default/x[CronJob]").Labels["app"]);
    }

    [Fact]
    public void Pods_are_named_by_their_controlling_owner_other_than_a_node_and_merge_into_one_workload()
    {
        var read = Parse(("pods.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-5d9f-abcde
              namespace: shop
              labels: {app: web}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d9f, controller: true}]
            spec: {containers: [{name: web, ports: [{containerPort: 80}]}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-5d9f-fghij
              namespace: shop
              labels: {app: web}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d9f, controller: true}]
            spec: {containers: [{name: web, ports: [{containerPort: 80}]}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: static-proxy
              labels: {app: proxy}
              ownerReferences: [{apiVersion: v1, kind: Node, name: node-1, controller: true}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: helper
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: other, controller: false}]
            """));

        Assert.Equal(["default/helper[Pod]", "default/static-proxy[Pod]", "shop/web-5d9f[ReplicaSet]"], read.Cluster.Workloads.Select(w => w.Id));
        Assert.Equal([new ContainerPort(80)], Workload(read, "shop/web-5d9f[ReplicaSet]").Ports);
    }

    [Fact]
    public void Pods_of_one_owner_with_different_labels_are_noted()
    {
        const string pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: NAME, labels: {app: db, statefulset.kubernetes.io/pod-name: NAME}, ownerReferences: [{kind: StatefulSet, name: db, controller: true}]}\n";

        var read = Parse(("pods.yaml", pod.Replace("NAME", "db-0", StringComparison.Ordinal) + "---\n" + pod.Replace("NAME", "db-1", StringComparison.Ordinal)));

        Assert.Equal("db-0", Assert.Single(read.Cluster.Workloads).Labels["statefulset.kubernetes.io/pod-name"]);
        Assert.Equal(["pods.yaml: document 2 (Pod default/db-1): a pod of default/db[StatefulSet] has labels that differ from pods.yaml: document 1 (Pod default/db-0); the analysis uses those of pods.yaml: document 1 (Pod default/db-0)"], read.Notes);
    }

    [Fact]
    public void Lists_empty_documents_json_and_nested_directories_are_read_in_sorted_order()
    {
        var directory = Directory.CreateTempSubdirectory("palisade-manifests-");
        try
        {
            Directory.CreateDirectory(Path.Combine(directory.FullName, "b", "c"));
            File.WriteAllText(Path.Combine(directory.FullName, "b", "c", "pods.yml"), """
                ---
                ---
                apiVersion: v1
                kind: PodList
                items:
                  - metadata: {name: one, namespace: x, labels: {app: one}}
                  - metadata: {name: two, namespace: x}
                ---
                """);
            File.WriteAllText(Path.Combine(directory.FullName, "a.json"), """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"x","labels":{"team":"blue"}}}""");
            File.WriteAllText(Path.Combine(directory.FullName, "notes.txt"), "kind: Pod\n");
            File.WriteAllText(Path.Combine(directory.FullName, "values.yaml"), "replicas: 3\n");

            var read = ManifestDirectoryReader.Read(directory.FullName);

            Assert.Equal(["x/one[Pod]", "x/two[Pod]"], read.Cluster.Workloads.Select(w => w.Id));
            Assert.Equal("blue", Assert.Single(read.Cluster.Namespaces).Labels["team"]);
            var note = Assert.Single(read.Notes);
            Assert.Contains("values.yaml: document 1: skipped, not a Kubernetes object", note, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Unknown_kinds_and_same_named_kinds_of_other_groups_are_skipped_with_a_note()
    {
        var read = Parse(("m.yaml", """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            ---
            apiVersion: crd.projectcalico.org/v1
            kind: NetworkPolicy
            metadata: {name: calico-deny, namespace: x}
            spec: {selector: all()}
            ---
            - just
            - a list
            """));

        Assert.Empty(read.Cluster.Policies);
        Assert.Equal(
            [
                "m.yaml: document 1: skipped Service web (v1), a kind the connectivity analysis does not read",
                "m.yaml: document 2: skipped NetworkPolicy calico-deny (crd.projectcalico.org/v1), a kind the connectivity analysis does not read",
                "m.yaml: document 3: skipped, not a Kubernetes object (not a mapping)",
            ],
            read.Notes);
    }

    [Fact]
    public void NetworkPolicy_fields_are_read_faithfully()
    {
        var read = Parse(("np.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: x}
            spec:
              podSelector:
                matchExpressions: [{key: tier, operator: NotIn, values: [db]}]
              policyTypes: []
              ingress:
                - from:
                    - namespaceSelector: {matchLabels: {team: blue}}
                      podSelector: {}
                    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
                  ports:
                    - port: http
                    - protocol: UDP
                    - {protocol: SCTP, port: 9000, endPort: 9010}
              egress: []
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: q, namespace: x}
            spec:
              podSelector: {}
              ingress:
            """));

        var p = read.Cluster.Policies[0];
        var q = read.Cluster.Policies[1];
        Assert.Null(p.PolicyTypes);
        Assert.Equal([PolicyType.Ingress, PolicyType.Egress], p.EffectivePolicyTypes);
        Assert.Equal([PolicyType.Ingress], q.EffectivePolicyTypes);
        Assert.Null(q.Ingress);
        Assert.Equal(SelectorOperator.NotIn, p.PodSelector.MatchExpressions[0].Operator);
        var rule = Assert.Single(p.Ingress!);
        Assert.Equal("blue", rule.Peers![0].NamespaceSelector!.MatchLabels["team"]);
        Assert.True(rule.Peers[0].PodSelector!.IsEmpty);
        Assert.Equal(new IpBlock("10.0.0.0/8", ["10.1.0.0/16"]).Cidr, rule.Peers[1].IpBlock!.Cidr);
        Assert.Equal(["10.1.0.0/16"], rule.Peers[1].IpBlock!.Except);
        Assert.Equal("http", rule.Ports![0].Port!.Value.Name);
        Assert.Equal(new NetworkPolicyPort(Protocol.UDP), rule.Ports[1]);
        Assert.Equal(new NetworkPolicyPort(Protocol.SCTP, 9000, 9010), rule.Ports[2]);
    }

    public static TheoryData<string, string, string> MalformedPolicies() => new()
    {
        { "ports: [{port: 70000}]", "spec.ingress[0].ports[0].port", "out of range" },
        { "ports: [{protocol: HTTP, port: 80}]", "spec.ingress[0].ports[0].protocol", "unknown protocol 'HTTP'" },
        { "ports: [{protocol: tcp, port: 80}]", "spec.ingress[0].ports[0].protocol", "unknown protocol 'tcp'" },
        { "ports: [{port: '80'}]", "spec.ingress[0].ports[0].port", "quoted" },
        { "ports: [{port: http, endPort: 90}]", "spec.ingress[0].ports[0].endPort", "named port" },
        { "ports: [{port: 90, endPort: 80}]", "spec.ingress[0].ports[0].endPort", "not between" },
        { "from: [{ipBlock: {cidr: 10.0.0.0/33}}]", "spec.ingress[0].from[0].ipBlock.cidr", "prefix length" },
        { "from: [{ipBlock: {cidr: 10.0.0/8}}]", "spec.ingress[0].from[0].ipBlock.cidr", "not an IPv4 or IPv6 address" },
        { "from: [{ipBlock: {cidr: 10.0.0.0/8, except: [11.0.0.0/16]}}]", "spec.ingress[0].from[0].ipBlock.except[0]", "not strictly inside" },
        { "from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]", "spec.ingress[0].from[0]", "ipBlock is combined" },
        { "from: [{podSelector: {matchExpressions: [{key: app, operator: Equals, values: [a]}]}}]", "spec.ingress[0].from[0].podSelector.matchExpressions[0].operator", "unknown operator 'Equals'" },
        { "from: [{podSelector: {matchExpressions: [{key: app, operator: In}]}}]", "spec.ingress[0].from[0].podSelector.matchExpressions[0].values", "needs at least one value" },
        { "from: [{}]", "spec.ingress[0].from[0]", "empty" },
    };

    [Theory]
    [MemberData(nameof(MalformedPolicies))]
    public void Malformed_policies_name_file_document_and_key(string rule, string keyPath, string problem)
    {
        var text = $"""
            apiVersion: v1
            kind: Namespace
            metadata: {"{"}name: x{"}"}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {"{"}name: bad, namespace: x{"}"}
            spec:
              podSelector: {"{}"}
              ingress:
                - {rule}
            """;

        var error = Assert.Throws<InputError>(() => Parse(("dir/policies.yaml", text)));

        Assert.StartsWith($"dir/policies.yaml: document 2 (NetworkPolicy x/bad), key {keyPath} (line ", error.Location, StringComparison.Ordinal);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Fix));
    }

    [Fact]
    public void Document_numbers_count_empty_documents_and_list_items_are_named()
    {
        var error = Assert.Throws<InputError>(() => ManifestDirectoryReader.Parse([new ManifestFile("pods.yaml", """
            ---
            # nothing here
            ---
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: Pod
                metadata: {name: ok}
              - apiVersion: v1
                kind: Pod
                metadata: {name: bad}
                spec: {containers: [{name: c, ports: [{containerPort: 0}]}]}
            """)], strict: true));

        Assert.StartsWith("pods.yaml: document 2 (Pod default/bad), key items[1].spec.containers[0].ports[0].containerPort", error.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_names_the_document_and_line()
    {
        var error = Assert.Throws<InputError>(() => Parse(("broken.yaml", "kind: Namespace\n---\nmetadata:\n  name: [unclosed\n")));

        Assert.StartsWith("broken.yaml: document 2 (line", error.Location, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Objects_defined_twice_are_errors_and_a_controller_absorbs_its_pods()
    {
        const string policy = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec: {podSelector: {}}\n";
        var duplicate = Assert.Throws<InputError>(() => Parse(("a.yaml", policy), ("b.yaml", policy)));
        Assert.Equal("b.yaml: document 1 (NetworkPolicy default/p)", duplicate.Location);
        Assert.Contains("defined twice (first in a.yaml: document 1", duplicate.Problem, StringComparison.Ordinal);

        var read = Parse(
            ("1-pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: rs-1, labels: {app: old}, ownerReferences: [{kind: ReplicaSet, name: rs, controller: true}]}\nspec: {containers: [{name: c, ports: [{containerPort: 81}]}]}\n"),
            ("2-rs.yaml", "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, ports: [{containerPort: 80}]}]}}}\n"));
        var workload = Assert.Single(read.Cluster.Workloads);
        Assert.Equal("web", workload.Labels["app"]);
        Assert.Equal([80, 81], workload.Ports.Select(p => p.Port).Order());
    }

    [Fact]
    public void Workloads_must_have_a_name_and_without_a_pod_template_are_skipped_with_a_warning()
    {
        var unnamed = Assert.Throws<InputError>(() => Parse(("d.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {namespace: x}\nspec: {}\n")));
        const string noTemplateText = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: 1}\n";
        var noTemplate = Assert.Throws<InputError>(() => ManifestDirectoryReader.Parse([new ManifestFile("d.yaml", noTemplateText)], strict: true));
        var skipped = Parse(("d.yaml", noTemplateText));

        Assert.Contains("no metadata.name", unnamed.Problem, StringComparison.Ordinal);
        Assert.StartsWith("d.yaml: document 1 (Deployment default/d), key spec", noTemplate.Location, StringComparison.Ordinal);
        Assert.Empty(skipped.Cluster.Workloads);
        Assert.StartsWith("d.yaml: document 1 (Deployment default/d), key spec", Assert.Single(skipped.Warnings), StringComparison.Ordinal);
    }
}
