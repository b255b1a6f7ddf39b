using System.Diagnostics;
using Palisade.Infra.Cli;

namespace Palisade.Tests.Reliability;

/// <summary><c>connectivity &lt;path&gt;</c> with a path that is not a folder of manifests: one line, exit 2, nothing on stdout.</summary>
public sealed class ConnectivityInputPathTests : IDisposable
{
    private const string FileProblem = ": is a file, not a directory. Pass the folder that holds the manifests (.yaml, .yml or .json), not a file in it";
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("palisade-path-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public void A_regular_file_is_refused_as_a_file()
    {
        var file = Manifest("app.yaml");

        Assert.Equal(("error: " + file + FileProblem, string.Empty), Refused(file));
    }

    [Fact]
    public void A_file_with_a_trailing_slash_or_behind_a_symlink_is_refused_as_a_file()
    {
        var file = Manifest("app.yaml");
        var link = Path.Combine(directory.FullName, "link.yaml");
        File.CreateSymbolicLink(link, file);

        Assert.Equal(("error: " + file + "/" + FileProblem, string.Empty), Refused(file + "/"));
        Assert.Equal(("error: " + link + FileProblem, string.Empty), Refused(link));
    }

    [Fact]
    public void A_fifo_is_refused_without_being_opened()
    {
        var fifo = Path.Combine(directory.FullName, "pipe.yaml");
        if (OperatingSystem.IsWindows())
        {
            return; // No FIFOs in the file system.
        }

        Assert.True(MakeFifo(fifo), "mkfifo failed");

        var (line, stdout) = Refused(fifo);

        Assert.Equal("error: " + fifo + FileProblem, line);
        Assert.Empty(stdout);
    }

    [Fact]
    public void A_missing_path_says_it_does_not_exist()
    {
        var missing = Path.Combine(directory.FullName, "nope");

        var (line, _) = Refused(missing);

        Assert.StartsWith($"error: {missing}: the manifest directory does not exist.", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symlink_to_a_folder_is_read()
    {
        var folder = Directory.CreateDirectory(Path.Combine(directory.FullName, "manifests")).FullName;
        Manifest("manifests/app.yaml");
        var link = Path.Combine(directory.FullName, "link");
        Directory.CreateSymbolicLink(link, folder);
        var stdout = new StringWriter();

        var code = ConnectivityVerb.Run(link, "text", stdout, new StringWriter());

        Assert.Equal(0, code);
        Assert.Contains("a/web[Deployment]", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_built_cli_exits_2_on_a_file()
    {
        var file = Manifest("app.yaml");

        var outcome = await MeasuredProcess.RunCli(s => new StreamReader(s).ReadToEnd(), TimeSpan.FromSeconds(60), "connectivity", file, "-o", "json");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(string.Empty, outcome.Output);
        Assert.Equal("error: " + file + FileProblem + "\n", outcome.Stderr);
    }

    private (string Line, string Stdout) Refused(string path)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = ConnectivityVerb.Run(path, "text", stdout, stderr);

        Assert.Equal(2, code);
        return (Assert.Single(stderr.ToString().TrimEnd('\n').Split('\n')), stdout.ToString());
    }

    private string Manifest(string name)
    {
        var path = Path.Combine(directory.FullName, name);
        File.WriteAllText(path, """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: a}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
            """);
        return path;
    }

    private static bool MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        return mkfifo.ExitCode == 0;
    }
}
