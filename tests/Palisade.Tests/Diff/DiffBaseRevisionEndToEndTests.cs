using System.Security.Cryptography;
using Palisade.Infra.Cli;
using Palisade.Infra.Process;
using Palisade.Tests.Support;

namespace Palisade.Tests.Diff;

/// <summary>
/// `diff --base HEAD dev` for real: a temporary git repository with a copy of the project, a flow changed in the
/// working copy, the base revision exported with git archive and built with its own program once: the later diffs
/// against the same tree read it from the base cache. A real build of the whole repository, so it runs in the slow lane.
/// </summary>
[Trait("Category", "Slow")]
public sealed class DiffBaseRevisionEndToEndTests : IDisposable
{
    private readonly string repository = Path.Combine(Path.GetTempPath(), "palisade-tests", "diff-e2e-" + Guid.NewGuid().ToString("N"));

    private static readonly string[] Copied = ["Directory.Build.props", "Infra.sln", "Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml", "components", "stacks", "infra", "examples", "cli", "scripts"];

    [Palisade.Tests.Reliability.SlowFact]
    public void Diff_against_HEAD_shows_the_opened_flow_and_leaves_the_working_tree_unchanged()
    {
        Directory.CreateDirectory(repository);
        foreach (var entry in Copied)
        {
            Copy(Path.Combine(RepoPaths.Root, entry), Path.Combine(repository, entry));
        }

        Git("init", "-q");
        Git("add", ".");
        Git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "base");

        // The change under review: the NGINX controller moves to namespace "ingress", so the flows to the exposed tiers move with it.
        var stackFile = Path.Combine(repository, "Pulumi.dev.yaml");
        var config = File.ReadAllText(stackFile);
        Assert.Contains("palisade:ingressNamespace: nginx-ingress\n", config);
        File.WriteAllText(stackFile, config.Replace("palisade:ingressNamespace: nginx-ingress\n", "palisade:ingressNamespace: ingress\n"));
        var before = Snapshot();
        var status = Git("status", "--porcelain");

        var output = new StringWriter();
        var error = new StringWriter();
        var cache = Path.Combine(repository + "-cache");
        var context = TestApps.Context(repository, v => v == "XDG_CACHE_HOME" ? cache : null, output, error);
        var exit = PalisadeCli.Run(["diff", "--base", "HEAD", "dev"], () => context);

        Assert.True(exit == 0, error.ToString());
        var markdown = output.ToString();
        Assert.StartsWith("<!-- palisade-diff -->\n### Palisade diff: `dev` at HEAD (", markdown);
        Assert.Contains("#### Connections opened", markdown);
        Assert.Contains("| `ingress/nginx-ingress-controller[Deployment]` | `voting-frontend/frontend[Deployment]` | TCP 80 |", markdown);
        Assert.Contains("#### Connections closed", markdown);
        Assert.Contains("| `nginx-ingress/nginx-ingress-controller[Deployment]` | `voting-frontend/frontend[Deployment]` | TCP 80 |", markdown);
        Assert.Contains("diff: exporting HEAD (", error.ToString());

        Assert.Equal(before, Snapshot());
        Assert.Equal(status, Git("status", "--porcelain"));
        Assert.Equal(" M Pulumi.dev.yaml\n", status);

        Assert.Contains("diff: building HEAD (", error.ToString());

        // The same stack at the same tree (the change reverted, then an empty commit): nothing changed, and the base
        // comes from the cache instead of a second build.
        Git("checkout", "-q", "--", "Pulumi.dev.yaml");
        Git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "--allow-empty", "-m", "empty");
        output.GetStringBuilder().Clear();
        error.GetStringBuilder().Clear();
        Assert.Equal(0, PalisadeCli.Run(["diff", "--base", "HEAD", "dev"], () => context));
        Assert.Contains("No changes: the resources, the connectivity and the checks are the same.", output.ToString());
        Assert.Contains("from the cache", error.ToString());
        Assert.DoesNotContain("diff: building", error.ToString());
    }

    private string Git(params string[] args)
    {
        var result = ProcessRunner.Instance.Run("git", args, repository);
        Assert.True(result.Succeeded, $"git {string.Join(' ', args)}: {result.StandardError}");
        return result.StandardOutput;
    }

    /// <summary>Every file of the working tree and the repository (.git included), with its content hash.</summary>
    private IReadOnlyList<string> Snapshot() =>
        Directory.EnumerateFiles(repository, "*", SearchOption.AllDirectories)
            .Select(f => $"{Path.GetRelativePath(repository, f)}:{Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}")
            .Order(StringComparer.Ordinal)
            .ToList();

    private static void Copy(string source, string target)
    {
        if (File.Exists(source))
        {
            File.Copy(source, target);
            return;
        }

        if (!Directory.Exists(source))
        {
            return;
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj"))
            {
                Copy(directory, Path.Combine(target, name));
            }
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(repository))
        {
            foreach (var file in Directory.EnumerateFiles(repository, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(repository, recursive: true);
        }

        if (Directory.Exists(repository + "-cache"))
        {
            Directory.Delete(repository + "-cache", recursive: true);
        }
    }
}
