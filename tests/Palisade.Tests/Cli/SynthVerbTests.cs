using Palisade.Tests.Support;

namespace Palisade.Tests.Cli;

public class SynthVerbTests
{
    [Fact]
    public void Synth_writes_the_program_project_file_manifests_and_workloads()
    {
        using var project = TestProject.WithRepoStacks();

        Assert.Equal(0, project.Run("synth", "dev"));

        Assert.Equal(
            [".palisade-output", "Main.yaml", "Pulumi.yaml", "analysis/checks.json", "analysis/connectivity.json", "analysis/connectivity.md", "analysis/connectivity.mmd", "analysis/environment-independent.json", "analysis/environment-specific.json",
             "analysis/workloads.yaml", "manifests/cluster.yaml", "manifests/govtech.yaml", "manifests/kube-system.yaml", "manifests/nginx-ingress.yaml", "manifests/voting-api.yaml",
             "manifests/voting-consumer.yaml", "manifests/voting-data.yaml", "manifests/voting-frontend.yaml"],
            project.FilesUnder("out/dev").Select(f => f.Replace('\\', '/')));
    }

    [Fact]
    public void Two_runs_give_byte_identical_files()
    {
        using var project = TestProject.WithRepoStacks();

        Assert.Equal(0, project.Run("synth", "dev", "--out", "first"));
        Assert.Equal(0, project.Run("synth", "dev", "--out", "second"));

        var first = project.FilesUnder("first");
        Assert.Equal(first, project.FilesUnder("second"));
        foreach (var file in first)
        {
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(project.Path, "first", file)),
                File.ReadAllBytes(Path.Combine(project.Path, "second", file)));
        }
    }

    [Theory]
    [InlineData("config:\n  palisade:apps: [voting, chess]\n", "Pulumi.bad.yaml: palisade:apps: unknown app 'chess'")]
    [InlineData("config:\n  palisade:kubeContext: dev\n", "Pulumi.bad.yaml: palisade:apps: the required key is missing")]
    [InlineData("config:\n  palisade:apps: [voting]\n  palisade:ingresNamespace: x\n", "Pulumi.bad.yaml: palisade:ingresNamespace: unknown config key")]
    [InlineData("config:\n  palisade:apps:\n    a: b\n", "Pulumi.bad.yaml: palisade:apps: expected a list of strings")]
    [InlineData("config:\n  palisade:apps: [voting, voting]\n", "Pulumi.bad.yaml: palisade:apps: app 'voting' is listed twice")]
    [InlineData("config:\n  apps: [voting]\n", "Pulumi.bad.yaml: apps: the key has no namespace")]
    public void Bad_config_is_one_clear_error_with_exit_code_2_and_nothing_written(string yaml, string message)
    {
        using var project = new TestProject().WriteStack("bad", yaml);

        var exit = project.Run("synth", "bad");

        Assert.Equal(2, exit);
        Assert.Contains(message, project.Error.ToString());
        Assert.Single(project.Error.ToString().Trim().Split('\n'));
        Assert.Empty(project.FilesUnder("out"));
    }

    private const string Aws = "config:\n  aws:region: us-east-1\n  palisade:apps: [voting]\n  palisade:cloud: aws\n" +
                               "  palisade:subnetIds: [subnet-1, subnet-2]\n  palisade:apiAccessCidrs: [203.0.113.0/24]\n  palisade:domain: example.com\n";

    private const string Alb = Aws + "  palisade:ingress: alb\n  palisade:vpcId: vpc-0a1b2c3d\n  palisade:vpcCidr: 10.0.0.0/16\n" +
                               "  palisade:albSubnetIds: [subnet-a1, subnet-a2]\n  palisade:albSubnetCidrs: [10.0.200.0/24, 10.0.201.0/24]\n";

    private const string Certificate = "  palisade:certificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc-123\n";

    private const string Gcp = "config:\n  gcp:project: p-123456\n  gcp:region: europe-west1\n  palisade:apps: [voting]\n  palisade:cloud: gcp\n" +
                               "  palisade:apiAccessCidrs: [203.0.113.0/24]\n  palisade:masterCidr: 172.16.0.0/28\n  palisade:domain: example.com\n";

    [Theory]
    [InlineData("config:\n  palisade:apps: [voting]\n  palisade:cloud: azure\n", "Pulumi.bad.yaml: palisade:cloud: unknown cloud 'azure'")]
    [InlineData(Gcp + "  palisade:ingress: alb\n", "Pulumi.bad.yaml: palisade:ingress: ingress alb is not available on cloud gcp")]
    [InlineData("config:\n  palisade:apps: [voting]\n  palisade:ingress: alb\n", "Pulumi.bad.yaml: palisade:ingress: ingress alb is not available on cloud existing")]
    [InlineData(Alb, "Pulumi.bad.yaml: palisade:certificateArn: the required key is missing")]
    [InlineData(Alb + Certificate + "  palisade:wafRateLimit: 2000\n", "Pulumi.bad.yaml: palisade:wafRateLimit: the key is no longer read")]
    [InlineData(Aws + "  palisade:nginxRps: 100\n", "Pulumi.bad.yaml: palisade:nginxRps: the key is no longer read")]
    [InlineData(Aws, "examples/VotingApp.cs: app 'voting' ingress routes[0] (/ -> frontend) limits.connections: ingress nginx cannot enforce 20 connections per client")]
    [InlineData(Aws + "  palisade:unenforcedLimits: [requestsPerSecond]\n", "Pulumi.bad.yaml: palisade:unenforcedLimits: ingress nginx enforces requestsPerSecond")]
    [InlineData(Aws + "  palisade:unenforcedLimits: [speed]\n", "Pulumi.bad.yaml: palisade:unenforcedLimits: unknown limit 'speed'")]
    [InlineData("config:\n  palisade:apps: [voting]\n  palisade:cloud: aws\n", "Pulumi.bad.yaml: aws:region: the required key is missing")]
    [InlineData("config:\n  gcp:region: europe-west1\n  palisade:apps: [voting]\n  palisade:cloud: gcp\n", "Pulumi.bad.yaml: gcp:project: the required key is missing")]
    [InlineData(Aws + "  palisade:ingress: alb\n  palisade:vpcId: vpc-0a1b2c3d\n  palisade:vpcCidr: 10.0.0.1/16\n" + Certificate, "Pulumi.bad.yaml: palisade:vpcCidr: '10.0.0.1/16' is not a valid CIDR")]
    [InlineData("config:\n  aws:region: us-east-1\n  palisade:apps: [voting]\n  palisade:cloud: aws\n  palisade:subnetIds: [a, b]\n  palisade:apiAccessCidrs: [300.0.0.0/8]\n",
        "Pulumi.bad.yaml: palisade:apiAccessCidrs: expected a list of CIDRs")]
    [InlineData(Aws + "  palisade:masterCidr: 172.16.0.0/28\n", "Pulumi.bad.yaml: palisade:masterCidr: the key only applies to palisade:cloud gcp")]
    [InlineData(Gcp + "  palisade:gkeNetworkPolicy: both\n", "Pulumi.bad.yaml: palisade:gkeNetworkPolicy: unknown network policy provider 'both'")]
    [InlineData("config:\n  palisade:apps: [govtech]\n", "Pulumi.bad.yaml: palisade:cloud: tier 'backend' of app 'govtech' needs a cloud identity")]
    [InlineData(Aws + "  palisade:kubeContext: dev\n", "Pulumi.bad.yaml: palisade:kubeContext: the key only applies to palisade:cloud existing")]
    public void Bad_cloud_config_is_one_clear_error_with_exit_code_2_and_nothing_written(string yaml, string message) =>
        Bad_config_is_one_clear_error_with_exit_code_2_and_nothing_written(yaml, message);

    [Fact]
    public void A_failed_synth_leaves_an_earlier_output_untouched()
    {
        using var project = TestProject.WithRepoStacks();
        Assert.Equal(0, project.Run("synth", "dev", "--out", "out/x"));
        var before = File.ReadAllText(Path.Combine(project.Path, "out/x/Main.yaml"));
        project.WriteStack("bad", "config:\n  palisade:apps: [nope]\n");

        Assert.Equal(2, project.Run("synth", "bad", "--out", "out/x"));

        Assert.Equal(before, File.ReadAllText(Path.Combine(project.Path, "out/x/Main.yaml")));
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(project.Path, "out"), ".*staging*"));
    }
}
