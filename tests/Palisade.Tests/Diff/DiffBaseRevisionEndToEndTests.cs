using System.Security.Cryptography;
using Palisade.Infra.Cli;
using Palisade.Infra.Process;
using Palisade.Tests.Support;

namespace Palisade.Tests.Diff;

/// <summary>
/// `diff --base HEAD dev` for real: a temporary git repository with a copy of the project, a flow changed in the
/// working copy, the base revision exported with git archive and built with its own program. Takes about a minute.
/// </summary>
public sealed class DiffBaseRevisionEndToEndTests : IDisposable
{
    private readonly string repository = Path.Combine(Path.GetTempPath(), "palisade-tests", "diff-e2e-" + Guid.NewGuid().ToString("N"));

    private static readonly string[] Copied = ["Directory.Build.props", "Infra.sln", "Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml", "components", "stacks", "infra", "scripts"];

    [Fact]
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
        var context = new CommandContext(repository, _ => null, output, error);
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

        // The same stack at the same revision, with the change reverted: nothing changed.
        Git("checkout", "-q", "--", "Pulumi.dev.yaml");
        output.GetStringBuilder().Clear();
        Assert.Equal(0, PalisadeCli.Run(["diff", "--base", "HEAD", "dev"], () => context));
        Assert.Contains("No changes: the resources, the connectivity and the checks are the same.", output.ToString());
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
    }
}
