namespace Palisade.Infra.Init;

/// <summary>One file of a new repository: its path (with '/'), its text, and whether it is a script to mark executable.</summary>
internal sealed record TemplateFile(string Path, string Text, bool Executable = false);

/// <summary>
/// Everything <c>init</c> writes, in path order: a repository holding only the user's apps, its program, tests,
/// stack, workflows and the compiler entry, referencing the Palisade packages. Same names, same files, byte for byte.
/// </summary>
internal static class RepositoryTemplate
{
    public static IReadOnlyList<TemplateFile> Files(TemplateNames n)
    {
        var ns = n.Namespace;
        TemplateFile[] files =
        [
            new(".github/workflows/main.yml", WorkflowTemplates.Main),
            new(".github/workflows/pull-request.yml", WorkflowTemplates.PullRequest),
            new(".gitignore", ProjectTemplates.GitIgnore),
            new("Directory.Build.props", CodeTemplates.BuildProps(n)),
            new("Pulumi.dev.yaml", ProjectTemplates.DevStack(n)),
            new("Pulumi.yaml", ProjectTemplates.PulumiProject(n)),
            new("README.md", ProjectTemplates.Readme(n)),
            new($"{ns}.slnx", CodeTemplates.Solution(n)),
            new($"apps/{ns}.Apps.csproj", CodeTemplates.AppsProject(n)),
            new($"apps/{ns}Apps.cs", CodeTemplates.Catalog(n)),
            new("apps/ShopApp.cs", CodeTemplates.ShopApp(n)),
            new("palisade.json", ProjectTemplates.PalisadeJson(n)),
            new($"platform/{ns}.Platform.csproj", CodeTemplates.PlatformProject(n)),
            new("platform/Program.cs", CodeTemplates.Program(n)),
            new("scripts/lib/cli-build.sh", ScriptTemplates.CliBuild, Executable: true),
            new("scripts/pulumi-compile.sh", ScriptTemplates.PulumiCompile, Executable: true),
            new($"tests/{ns}.Tests/{ns}.Tests.csproj", CodeTemplates.TestsProject(n)),
            new($"tests/{ns}.Tests/StackTests.cs", CodeTemplates.Tests(n)),
        ];
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }
}
