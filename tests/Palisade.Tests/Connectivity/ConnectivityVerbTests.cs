using System.CommandLine;
using System.Text.Json;
using Palisade.Infra.Cli;

namespace Palisade.Tests.Connectivity;

public sealed class ConnectivityVerbTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("palisade-verb-");

    public void Dispose() => directory.Delete(recursive: true);

    private (int Code, string Stdout, string Stderr) Run(string dir, string output = "text")
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ConnectivityVerb.Run(dir, output, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Analyses_a_directory_and_writes_json_to_stdout_and_notes_to_stderr()
    {
        var (code, stdout, stderr) = Run(ConnectivityFixtures.PathOf("govtech"), "json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.True(json.RootElement.GetProperty("connections").GetArrayLength() > 0);
        Assert.Equal("note: ", stderr[..6]);
        Assert.Contains("skipped Service backend-service", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_object_exits_2_with_one_line_naming_file_and_document_and_writes_nothing()
    {
        File.WriteAllText(Path.Combine(directory.FullName, "ok.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n");
        File.WriteAllText(Path.Combine(directory.FullName, "policy.yaml"), """
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: bad, namespace: x}
            spec:
              podSelector: {}
              ingress:
                - ports: [{port: 0}]
            """);

        var (code, stdout, stderr) = Run(directory.FullName);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"error: {Path.Combine(directory.FullName, "policy.yaml")}: document 2 (NetworkPolicy x/bad), key spec.ingress[0].ports[0].port", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_directory_or_unknown_format_exits_2()
    {
        var missing = Run(Path.Combine(directory.FullName, "nope"));
        var format = Run(directory.FullName, "xml");

        Assert.Equal(2, missing.Code);
        Assert.Contains("does not exist", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, format.Code);
        Assert.Contains("unknown output format 'xml'", format.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_directory_allows_nothing()
    {
        var (code, stdout, _) = Run(directory.FullName, "json");

        Assert.Equal(0, code);
        Assert.Equal("{\"connections\":[]}", stdout.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void The_command_parses_its_argument_and_output_option()
    {
        var root = new RootCommand { ConnectivityVerb.Create() };
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = root.Parse(["connectivity", ConnectivityFixtures.PathOf("tomoda"), "--output", "md"])
            .Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        var defaultCode = root.Parse(["connectivity", ConnectivityFixtures.PathOf("tomoda")])
            .Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() });
        var bad = root.Parse(["connectivity", ConnectivityFixtures.PathOf("tomoda"), "-o", "xml"]);

        Assert.Equal(0, code);
        Assert.StartsWith("| Source | Destination | Allowed |", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("kustomization.yaml", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, defaultCode);
        Assert.NotEmpty(bad.Errors);
    }
}
