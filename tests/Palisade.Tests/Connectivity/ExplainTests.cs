using System.Net;
using System.Text.Json;
using Palisade.Components.Connectivity;
using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;
using Palisade.Infra.Checks;
using Palisade.Infra.Cli;
using Palisade.Infra.Manifests;

namespace Palisade.Tests.Connectivity;

/// <summary>The explain answer: its verdict is the engine's, and it names the rule that decided each part.</summary>
public sealed class ExplainTests : IDisposable
{
    private const string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {team: shop}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: batch, labels: {team: batch}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, ports: [{name: http, containerPort: 8080}]}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: worker, namespace: batch}
        spec:
          template:
            metadata: {labels: {app: worker}}
            spec: {containers: [{name: worker}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web-from-vpc, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: web}}
          ingress:
            - from: [{ipBlock: {cidr: 10.20.0.0/16}}]
              ports: [{port: 8080}]
        ---
        apiVersion: policy.networking.k8s.io/v1alpha2
        kind: ClusterNetworkPolicy
        metadata: {name: guardrails}
        spec:
          tier: Admin
          priority: 0
          subject: {namespaces: {}}
          egress:
            - name: metadata
              action: Deny
              to: [{networks: [169.254.169.254/32]}]
            - name: batch-to-web-debug
              action: Deny
              to: [{pods: {namespaceSelector: {matchLabels: {team: shop}}, podSelector: {}}}]
              protocols: [{tcp: {destinationPort: {number: 9000}}}]
        """;

    private readonly string directory = Path.Combine(Path.GetTempPath(), "palisade-explain-" + Guid.NewGuid().ToString("N"));

    public ExplainTests()
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "all.yaml"), Manifests);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void The_explained_verdict_is_the_engines_for_every_pair_of_random_clusters()
    {
        IPAddress[] addresses = [IPAddress.Parse("8.8.8.8"), IPAddress.Parse("10.1.2.3"), IPAddress.Parse("169.254.169.254")];
        for (var seed = 0; seed < 120; seed++)
        {
            var cluster = seed % 2 == 0 ? RandomClusterPolicies.Generate(seed) : RandomClusters.Generate(seed);
            var profile = new EnforcementProfile((CniProfile)(seed % 4), seed % 3 == 0 ? [Cidr.Parse("10.1.0.0/16")] : []);
            var result = ConnectivityAnalyzer.Analyze(cluster, profile);
            foreach (var a in cluster.Workloads)
            {
                foreach (var b in cluster.Workloads.Where(b => b != a))
                {
                    Assert.True(result.Between(a.Id, b.Id).Equals(Explainer.Explain(cluster, a.Id, b.Id, profile).Allowed), $"seed {seed}: {a.Id} => {b.Id}");
                }

                foreach (var address in addresses)
                {
                    Assert.True(result.ToExternal(a.Id, address).Equals(Explainer.Explain(cluster, a.Id, address.ToString(), profile).Allowed), $"seed {seed}: {a.Id} => {address}");
                    Assert.True(result.FromExternal(address, a.Id).Equals(Explainer.Explain(cluster, address.ToString(), a.Id, profile).Allowed), $"seed {seed}: {address} => {a.Id}");
                }
            }
        }
    }

    [Fact]
    public void Text_names_the_policies_that_apply_and_the_rule_that_decided()
    {
        var (code, stdout, stderr) = Run("--from", "batch/worker", "--to", "shop/web", "--cni", "eks-vpc-cni", "--pod-cidr", "10.20.0.0/16");

        Assert.Equal((0, string.Empty), (code, stderr));
        Assert.Equal("""
            batch/worker[Deployment] => shop/web[Deployment]

            egress of batch/worker[Deployment]
              selected by NetworkPolicies: none
              cluster policies with egress rules for it: ClusterNetworkPolicy/guardrails
              allowed TCP 1-8999,9001-65535; UDP 1-65535; SCTP 1-65535; other protocols: no NetworkPolicy selects the pod and no Baseline rule matches: allowed by default
              denied  TCP 9000: denied by the Admin tier [ClusterNetworkPolicy guardrails egress rule 'batch-to-web-debug' (#1) (Admin tier)]

            ingress of shop/web[Deployment]
              selected by NetworkPolicies: shop/web-from-vpc
              cluster policies with ingress rules for it: none
              denied  TCP 1-8079,8081-65535; UDP 1-65535; SCTP 1-65535; other protocols: the pod is selected by shop/web-from-vpc for ingress and no rule allows it
              allowed TCP 8080: allowed by a NetworkPolicy that selects the pod [NetworkPolicy shop/web-from-vpc ingress[0] (NetworkPolicy tier)]

            verdict: TCP 8080

            """.ReplaceLineEndings("\n"), stdout);
    }

    [Fact]
    public void A_range_is_explained_part_by_part_where_the_policies_treat_its_parts_differently()
    {
        var (code, stdout, stderr) = Run("--from", "10.0.0.0/8", "--to", "shop/web", "--port", "8080", "--node-cidr", "10.20.0.0/20");

        Assert.Equal((0, string.Empty), (code, stderr));
        Assert.Equal("""
            10.0.0.0/8 => shop/web[Deployment]: the policies treat 3 parts of the range differently

            10.0.0.0/8 except 10.20.0.0/16 => shop/web[Deployment]

            ingress of shop/web[Deployment]
              selected by NetworkPolicies: shop/web-from-vpc
              cluster policies with ingress rules for it: none
              denied  TCP 8080: the pod is selected by shop/web-from-vpc for ingress and no rule allows it

            verdict: denied

            nodes 10.20.0.0/20 => shop/web[Deployment]

            ingress of shop/web[Deployment]
              selected by NetworkPolicies: shop/web-from-vpc
              cluster policies with ingress rules for it: none
              allowed TCP 8080: allowed by a NetworkPolicy that selects the pod [NetworkPolicy shop/web-from-vpc ingress[0] (NetworkPolicy tier)]

            verdict: TCP 8080

            10.20.0.0/16 except 10.20.0.0/20 => shop/web[Deployment]

            ingress of shop/web[Deployment]
              selected by NetworkPolicies: shop/web-from-vpc
              cluster policies with ingress rules for it: none
              allowed TCP 8080: allowed by a NetworkPolicy that selects the pod [NetworkPolicy shop/web-from-vpc ingress[0] (NetworkPolicy tier)]

            verdict: TCP 8080

            """.ReplaceLineEndings("\n"), stdout);
    }

    [Fact]
    public void A_range_in_json_is_a_list_of_segments_and_one_the_policies_treat_alike_is_one_segment()
    {
        var (code, stdout, _) = Run("--from", "batch/worker", "--to", "10.20.0.0/16", "--output", "json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("10.20.0.0/16", json.RootElement.GetProperty("to").GetString());
        var segment = Assert.Single(json.RootElement.GetProperty("segments").EnumerateArray());
        Assert.Equal("10.20.0.0/16", segment.GetProperty("to").GetString());
        Assert.Equal("All Connections", segment.GetProperty("verdict").GetString());
    }

    [Theory]
    [InlineData("cilium", "denied")]
    [InlineData("calico", "TCP 8080")]
    [InlineData("eks-vpc-cni", "TCP 8080")]
    public void A_node_address_is_admitted_by_an_ipBlock_except_on_cilium(string cni, string verdict)
    {
        var (code, stdout, stderr) = Run("--from", "10.20.1.1", "--to", "shop/web", "--cni", cni, "--node-cidr", "10.20.0.0/20");

        Assert.Equal((0, string.Empty), (code, stderr));
        Assert.EndsWith($"verdict: {verdict}\n", stdout, StringComparison.Ordinal);
        Assert.EndsWith("verdict: TCP 8080\n", Run("--from", "10.20.1.1", "--to", "shop/web", "--cni", cni).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_carries_the_deciding_rule_and_a_port_narrows_the_answer()
    {
        var (code, stdout, _) = Run("--from", "batch/worker", "--to", "169.254.169.254", "--port", "80", "--output", "json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        var piece = Assert.Single(json.RootElement.GetProperty("egress").GetProperty("pieces").EnumerateArray());
        Assert.Equal("TCP 80", piece.GetProperty("connections").GetString());
        Assert.False(piece.GetProperty("allowed").GetBoolean());
        Assert.Equal("guardrails", piece.GetProperty("decidedBy").GetProperty("policy").GetString());
        Assert.Equal("egress rule 'metadata' (#0)", piece.GetProperty("decidedBy").GetProperty("rule").GetString());
        Assert.Equal("None", json.RootElement.GetProperty("verdict").GetString());
        Assert.False(json.RootElement.TryGetProperty("ingress", out _));
    }

    [Theory]
    [InlineData("shop/nothing", "batch/worker", null)]
    [InlineData("8.8.8.8", "1.1.1.1", null)]
    [InlineData("10.0.0.0/33", "shop/web", null)]
    [InlineData("10.0.0.0/8", "10.0.0.0/16", null)]
    [InlineData("shop/web", "batch/worker", "80/ICMP")]
    [InlineData("shop/web", "batch/worker", "0")]
    public void Bad_endpoints_and_ports_are_one_error_line_and_exit_2(string from, string to, string? port)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = ExplainVerb.Run(directory, from, to, port, "text", ProfileRequest.Upstream, stdout, stderr);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(string.Empty, stdout.ToString());
        Assert.StartsWith("error: ", stderr.ToString(), StringComparison.Ordinal);
        Assert.Single(stderr.ToString().TrimEnd().Split('\n'));
    }

    [Fact]
    public void The_engines_result_names_the_deciding_rules_of_a_connection_and_a_denied_part()
    {
        var result = ConnectivityAnalyzer.Analyze(ManifestDirectoryReader.Read(directory).Cluster, new ProfileRequest("eks-vpc-cni", ["10.20.0.0/16"]).Build());
        var worker = result.Workloads.Single(w => w.Name == "worker").Id;
        var web = result.Workloads.Single(w => w.Name == "web").Id;

        Assert.Equal(
            "egress of batch/worker[Deployment]: ClusterNetworkPolicy guardrails egress rule 'batch-to-web-debug' (#1) (Admin tier); " +
            "ingress of shop/web[Deployment]: the pod is selected by shop/web-from-vpc for ingress and no rule allows it",
            DecidingRules.Denying(result, worker, web, ConnectionSet.For(Protocol.TCP, 9000, 9000)));
        Assert.Equal(
            "egress: default allow; ingress: shop/web-from-vpc ingress[0]",
            DecidingRules.AllowingInShort(result, new WorkloadPeer(result.Workloads.Single(w => w.Id == worker)),
                new WorkloadPeer(result.Workloads.Single(w => w.Id == web)), result.Between(worker, web)));
        Assert.Null(new ConnectivityResult(result.Workloads, result.Connections, result.ExternalFamilies).Explain(worker, web));
    }

    [Fact]
    public void A_name_that_fits_two_workloads_asks_for_the_kind()
    {
        var cluster = new TestCluster().Deployment("ns", "x", "x").Build();
        cluster = cluster with { Workloads = [.. cluster.Workloads, cluster.Workloads[0] with { Kind = "StatefulSet" }] };

        var error = Assert.Throws<InputError>(() => Explainer.Explain(cluster, "ns/x", "8.8.8.8"));

        Assert.Contains("ns/x[Deployment], ns/x[StatefulSet]", error.Message, StringComparison.Ordinal);
        Assert.True(Explainer.Explain(cluster, "ns/x[StatefulSet]", "8.8.8.8").Allowed.IsAll);
    }

    [Fact]
    public void A_target_that_is_neither_a_folder_nor_a_stack_says_both()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = new System.CommandLine.RootCommand { ExplainVerb.Create(() => TestApps.Context(Path.GetTempPath(), _ => null, TextWriter.Null, TextWriter.Null)) };
        var code = root.Parse(["explain", "nosuch-stack", "--from", "a/b", "--to", "c/d"]).Invoke(new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr });

        Assert.Equal(2, code);
        Assert.Contains("nosuch-stack: the manifest directory does not exist", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("note: 'nosuch-stack' is not a stack either: a stack needs Pulumi.nosuch-stack.yaml in the project folder.", stderr.ToString(), StringComparison.Ordinal);
    }

    private (int Code, string Stdout, string Stderr) Run(params string[] options)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = new System.CommandLine.RootCommand { ExplainVerb.Create(() => TestApps.Context(Path.GetTempPath(), _ => null, TextWriter.Null, TextWriter.Null)) };
        var code = root.Parse(["explain", directory, .. options]).Invoke(new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr });
        return (code, stdout.ToString(), stderr.ToString());
    }
}
