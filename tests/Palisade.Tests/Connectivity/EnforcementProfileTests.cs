using System.Net;
using Palisade.Components.Connectivity;
using Palisade.Infra.Cli;
using Palisade.Infra.Manifests;

namespace Palisade.Tests.Connectivity;

/// <summary>
/// Target profiles (platform-facts.md, "How CNIs treat ipBlocks"): under eks-vpc-cni and calico an ipBlock that holds
/// the pod addresses matches the pods too; under upstream and cilium it never does.
/// </summary>
public sealed class EnforcementProfileTests : IDisposable
{
    private const string Web = "shop/web[Deployment]";
    private const string Worker = "batch/worker[Deployment]";

    /// <summary>Prod-like: the exposed tier admits the VPC (for the ALB) on its port; everything else is default-deny.</summary>
    private const string ProdLike = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: batch}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            metadata: {labels: {app: web, tier: exposed}}
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
        metadata: {name: web-from-alb, namespace: shop}
        spec:
          podSelector: {matchLabels: {tier: exposed}}
          policyTypes: [Ingress]
          ingress:
            - from: [{ipBlock: {cidr: 10.20.0.0/16}}]
              ports: [{port: 8080}]
        """;

    private readonly string directory = Path.Combine(Path.GetTempPath(), "palisade-profile-" + Guid.NewGuid().ToString("N"));

    public EnforcementProfileTests()
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "prod.yaml"), ProdLike);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static EnforcementProfile Vpc(CniProfile cni) => new(cni, [Cidr.Parse("10.20.0.0/16")]);

    [Fact]
    public void Under_eks_vpc_cni_a_pod_in_the_vpc_reaches_the_tier_that_admits_the_vpc_cidr()
    {
        var cluster = ManifestDirectoryReader.Read(directory).Cluster;

        var upstream = ConnectivityAnalyzer.Analyze(cluster);
        var eks = ConnectivityAnalyzer.Analyze(cluster, Vpc(CniProfile.EksVpcCni));

        Assert.True(upstream.Between(Worker, Web).IsEmpty);
        Assert.Equal("TCP 8080", eks.Between(Worker, Web).ToString());
        Assert.Equal(TestCluster.Lines(PairwiseEvaluator.Evaluate(cluster, Vpc(CniProfile.EksVpcCni))), TestCluster.Lines(eks));
        Assert.Equal("TCP 8080", eks.FromExternal(IPAddress.Parse("10.20.3.4"), Web).ToString());
    }

    [Theory]
    [InlineData(CniProfile.Calico, true)]
    [InlineData(CniProfile.EksVpcCni, true)]
    [InlineData(CniProfile.Cilium, false)]
    [InlineData(CniProfile.Upstream, false)]
    public void Only_dataplanes_that_match_ipblocks_against_pod_addresses_open_the_pod_path(CniProfile cni, bool open)
    {
        var result = ConnectivityAnalyzer.Analyze(ManifestDirectoryReader.Read(directory).Cluster, Vpc(cni));

        Assert.Equal(open, !result.Between(Worker, Web).IsEmpty);
    }

    [Fact]
    public void An_ipblock_holding_part_of_the_pod_range_is_named_in_the_assumptions()
    {
        var profile = new EnforcementProfile(CniProfile.EksVpcCni, [Cidr.Parse("10.0.0.0/8")]);

        var result = ConnectivityAnalyzer.Analyze(ManifestDirectoryReader.Read(directory).Cluster, profile);

        Assert.True(result.Between(Worker, Web).IsEmpty);
        Assert.Equal(["NetworkPolicy shop/web-from-alb: ipBlock 10.20.0.0-10.20.255.255 holds only part of the pod addresses; which pods have them is unknown, so it is treated as matching no pod"], result.Assumptions);
    }

    [Fact]
    public void The_connectivity_verb_takes_the_dataplane_and_pod_ranges()
    {
        var (code, stdout, stderr) = Run("--cni", "eks-vpc-cni", "--pod-cidr", "10.20.0.0/16");
        var (upstreamCode, upstreamOut, _) = Run();

        Assert.Equal((0, 0), (code, upstreamCode));
        Assert.Equal(string.Empty, stderr);
        static bool WorkerToWeb(string line) => line.StartsWith(Worker, StringComparison.Ordinal) && line.Contains(Web, StringComparison.Ordinal);
        Assert.Contains(stdout.Split('\n'), line => WorkerToWeb(line) && line.TrimEnd().EndsWith("TCP 8080", StringComparison.Ordinal));
        Assert.DoesNotContain(upstreamOut.Split('\n'), WorkerToWeb);
    }

    [Theory]
    [InlineData("weave", "10.20.0.0/16")]
    [InlineData("eks-vpc-cni", "10.20.0.0")]
    public void A_bad_dataplane_or_range_is_one_error_line_and_exit_2(string cni, string podCidr)
    {
        var stdoutWriter = new StringWriter();
        var stderrWriter = new StringWriter();
        var code = ConnectivityVerb.Run(directory, "text", stdoutWriter, stderrWriter, new ProfileRequest(cni, [podCidr]));
        var (stdout, stderr) = (stdoutWriter.ToString(), stderrWriter.ToString());

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void An_unknown_dataplane_on_the_command_line_is_one_error_line()
    {
        var (code, stdout, stderr) = Run("--cni", "weave");

        Assert.Equal((ExitCodes.BadInput, string.Empty), (code, stdout));
        Assert.Equal("error: --cni: unknown dataplane 'weave'. Use one of: upstream, eks-vpc-cni, cilium, calico", stderr.TrimEnd());
    }

    [Fact]
    public void On_a_dual_stack_pod_network_a_rule_that_holds_one_family_matches_every_pod()
    {
        var profile = new EnforcementProfile(CniProfile.Calico, [Cidr.Parse("10.20.0.0/16"), Cidr.Parse("fd00::/64")]);

        Assert.Equal(PodCoverage.All, profile.Covers(Cidr.Parse("10.0.0.0/8"), []));
        Assert.Equal(PodCoverage.All, profile.Covers(Cidr.Parse("fd00::/8"), []));
        Assert.Equal(PodCoverage.Partial, profile.Covers(Cidr.Parse("10.0.0.0/8"), [Cidr.Parse("10.20.1.0/24")]));
        Assert.Equal(PodCoverage.None, profile.Covers(Cidr.Parse("192.168.0.0/16"), []));
        Assert.Equal(PodCoverage.All, EnforcementProfile.Upstream.Covers(Cidr.Parse("0.0.0.0/0"), []));
        Assert.Equal(PodCoverage.None, EnforcementProfile.Upstream.Covers(Cidr.Parse("10.0.0.0/8"), []));
    }

    private (int Code, string Stdout, string Stderr) Run(params string[] options)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = new System.CommandLine.RootCommand { ConnectivityVerb.Create() };
        var code = root.Parse(["connectivity", directory, .. options]).Invoke(new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr });
        return (code, stdout.ToString(), stderr.ToString());
    }
}
