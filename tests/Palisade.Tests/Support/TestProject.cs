using Palisade.Infra.Cli;

namespace Palisade.Tests.Support;

/// <summary>A throwaway project folder with Pulumi.yaml and stack files, and a context that captures output.</summary>
internal sealed class TestProject : IDisposable
{
    public TestProject()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "palisade-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        File.Copy(System.IO.Path.Combine(RepoPaths.Root, "Pulumi.yaml"), System.IO.Path.Combine(Path, "Pulumi.yaml"));
    }

    public string Path { get; }
    public StringWriter Out { get; } = new();
    public StringWriter Error { get; } = new();

    public static TestProject WithRepoStacks()
    {
        var project = new TestProject();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Root, "Pulumi.*.yaml"))
        {
            File.Copy(file, System.IO.Path.Combine(project.Path, System.IO.Path.GetFileName(file)));
        }

        return project;
    }

    public TestProject WriteStack(string stack, string yaml)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, $"Pulumi.{stack}.yaml"), yaml);
        return this;
    }

    public CommandContext Context(IReadOnlyDictionary<string, string>? environment = null) =>
        TestApps.Context(Path, name => environment?.GetValueOrDefault(name), Out, Error);

    public int Run(params string[] args) => PalisadeCli.Run(args, () => Context());

    public IReadOnlyList<string> FilesUnder(string relative)
    {
        var folder = System.IO.Path.Combine(Path, relative);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
