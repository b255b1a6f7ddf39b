using System.Text.Json;
using Palisade.Infra.Cli;
using Palisade.Infra.Synthesis;
using Palisade.Tests.Support;

namespace Palisade.Tests.Connectivity;

/// <summary>
/// <c>connectivity</c> on manifests without workloads (a synth's manifests/ folder: policies and namespaces only) says it
/// found none and where the workloads are, instead of an empty matrix that reads as "nothing is allowed".
/// </summary>
public sealed class NoWorkloadsTests : IDisposable
{
    private readonly DirectoryInfo output = Directory.CreateTempSubdirectory("palisade-no-workloads-");

    public NoWorkloadsTests()
    {
        var result = TestApps.Synthesize(new ProjectDirectory(RepoPaths.Root).ReadStack("dev"));
        foreach (var (path, text) in result.Files.Where(f => f.Key.StartsWith("manifests/", StringComparison.Ordinal) || f.Key.StartsWith("analysis/", StringComparison.Ordinal)))
        {
            var file = Path.Combine(output.FullName, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }
    }

    public void Dispose() => output.Delete(recursive: true);

    private static (int Code, string Stdout, string Stderr) Run(string dir, string format = "text")
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ConnectivityVerb.Run(dir, format, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void The_manifests_folder_of_a_synth_says_it_found_no_workloads_and_names_the_workloads_file()
    {
        var manifests = Path.Combine(output.FullName, "manifests");

        var (code, stdout, stderr) = Run(manifests);

        Assert.Equal(0, code);
        Assert.StartsWith("No workloads found: the manifests hold ", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("No connections are allowed", stdout, StringComparison.Ordinal);
        Assert.Contains($"note: found 0 workloads in {manifests}; ", stderr, StringComparison.Ordinal);
        Assert.Contains($"workloads are in {Path.Combine(output.FullName, "analysis", "workloads.yaml")}: run `connectivity {output.FullName}`", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_synth_output_folder_itself_analyses_the_workloads_it_names()
    {
        var (code, stdout, stderr) = Run(output.FullName);

        Assert.Equal(0, code);
        Assert.Contains("govtech/frontend[Deployment]", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("found 0 workloads", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_format_says_so_and_json_keeps_its_contract()
    {
        var manifests = Path.Combine(output.FullName, "manifests");

        Assert.StartsWith("No workloads found", Run(manifests, "md").Stdout, StringComparison.Ordinal);
        Assert.StartsWith("graph LR\n    %% No workloads found", Run(manifests, "mermaid").Stdout, StringComparison.Ordinal);
        var (code, json, stderr) = Run(manifests, "json");
        Assert.Equal(0, code);
        Assert.Equal(0, JsonDocument.Parse(json).RootElement.GetProperty("connections").GetArrayLength());
        Assert.Contains("found 0 workloads", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_of_policies_elsewhere_gets_the_general_hint()
    {
        var policies = Directory.CreateDirectory(Path.Combine(output.FullName, "elsewhere", "policies")).FullName;
        File.Copy(Directory.GetFiles(Path.Combine(output.FullName, "manifests"))[0], Path.Combine(policies, "p.yaml"));

        var (_, stdout, stderr) = Run(policies);

        Assert.StartsWith("No workloads found", stdout, StringComparison.Ordinal);
        Assert.Contains("the analysis needs the Pods or workload controllers", stderr, StringComparison.Ordinal);
    }
}
