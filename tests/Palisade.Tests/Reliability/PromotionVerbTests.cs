using System.Text;
using Palisade.Infra.Process;
using Palisade.Stacks.Config;
using Palisade.Tests.Support;
using static Palisade.Tests.Promotion.PromotionFixtures;

namespace Palisade.Tests.Reliability;

/// <summary>
/// `promote` end to end on real files (and real git where the working tree matters): refused routes, stack files in
/// every shape, atomic replacement that keeps mode, links and line endings, "already promoted", and a recorded
/// revision that always names what was verified.
/// </summary>
public sealed class PromotionVerbTests : IDisposable
{
    private readonly TestProject project = new TestProject().WriteStack("dev", Dev).WriteStack("prod", Prod);

    private string ProdFile => Path.Combine(project.Path, "Pulumi.prod.yaml");

    private int Promote(params string[] extra) => project.Run(["promote", "dev", "prod", "--base", "none", .. extra]);

    private StackConfig ReadProd() => StackConfigParser.ParseFile("prod", "Pulumi.prod.yaml", File.ReadAllText(ProdFile));

    [Fact]
    public void Promoting_a_stack_into_itself_is_refused_with_exit_2_and_writes_nothing()
    {
        var before = File.ReadAllText(Path.Combine(project.Path, "Pulumi.dev.yaml"));

        Assert.Equal(2, project.Run("promote", "dev", "dev", "--base", "none"));

        Assert.StartsWith("error: promote: cannot promote stack 'dev' into itself.", project.Error.ToString());
        Assert.Equal(before, File.ReadAllText(Path.Combine(project.Path, "Pulumi.dev.yaml")));
        Assert.Equal("", project.Out.ToString());
    }

    [Fact]
    public void Promoting_against_a_promoteFrom_chain_is_refused_as_a_cycle()
    {
        project.WriteStack("staging", Dev.Replace("palisade:clusterName: dev", "palisade:clusterName: staging\n  palisade:promoteFrom: prod"));
        project.WriteStack("dev", Dev.Replace("palisade:clusterName: dev", "palisade:clusterName: dev\n  palisade:promoteFrom: staging"));
        var before = File.ReadAllText(ProdFile);

        Assert.Equal(2, Promote());

        Assert.Contains("error: promote: promoting dev into prod would make a cycle: dev is promoted from staging is promoted from prod.", project.Error.ToString());
        Assert.Equal(before, File.ReadAllText(ProdFile));
    }

    [Fact]
    public void A_comment_after_config_gives_one_config_block_that_verifies()
    {
        project.WriteStack("prod", Prod.Replace("config:", "# prod\nconfig: # prod settings, keep them reviewed"));

        Assert.Equal(0, Promote());

        var text = File.ReadAllText(ProdFile);
        Assert.Single(text.Split('\n'), l => l.StartsWith("config:"));
        Assert.Contains("config: # prod settings, keep them reviewed\n", text);
        Assert.StartsWith("sha256:", ReadProd().String(ConfigSchema.PromotedDigest));
        Assert.Equal(0, project.Run("verify", "prod"));
    }

    [Fact]
    public void A_flow_style_config_is_edited_in_place_and_verifies()
    {
        var lines = Prod.Replace("\r\n", "\n").Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0);
        project.WriteStack("prod", "config: {" + string.Join(", ", lines) + "}\n");

        Assert.Equal(0, Promote());

        var text = File.ReadAllText(ProdFile);
        Assert.StartsWith("config: {aws:region: eu-west-1, ", text);
        Assert.Equal(2, text.Split('\n').Length);
        Assert.Equal(0, project.Run("verify", "prod"));
    }

    [Fact]
    public void A_crlf_file_with_a_byte_order_mark_keeps_both()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Prod.Replace("\r\n", "\n").Replace("\n", "\r\n") + "\r\n")).ToArray();
        File.WriteAllBytes(ProdFile, bytes);

        Assert.Equal(0, Promote());

        var after = File.ReadAllBytes(ProdFile);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, after[..3]);
        var text = Encoding.UTF8.GetString(after[3..]);
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
        Assert.Contains("  palisade:promotedDigest: sha256:", text);
    }

    [Fact]
    public void A_second_promotion_of_the_same_digest_rewrites_nothing_and_says_so()
    {
        Assert.Equal(0, Promote());
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(ProdFile, old);
        var before = File.ReadAllText(ProdFile);
        project.Out.GetStringBuilder().Clear();

        Assert.Equal(0, Promote());

        Assert.Contains("Already promoted: Pulumi.prod.yaml already records sha256:", project.Out.ToString());
        Assert.Contains("nothing was written", project.Out.ToString());
        Assert.Equal(old, File.GetLastWriteTimeUtc(ProdFile));
        Assert.Equal(before, File.ReadAllText(ProdFile));
    }

    [Fact]
    public void The_replacement_keeps_the_file_mode_writes_through_a_symlink_and_leaves_no_temporary_file()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes and symlinks.
        }

        var real = Path.Combine(project.Path, "config", "prod.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        File.Move(ProdFile, real);
        File.CreateSymbolicLink(ProdFile, Path.Combine("config", "prod.yaml"));
        File.SetUnixFileMode(real, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        using var dead = System.Diagnostics.Process.Start("true")!;
        dead.WaitForExit();
        var stale = Path.Combine(project.Path, "config", $".prod.yaml.palisade-{dead.Id}-deadbeef.tmp");
        File.WriteAllText(stale, "half a file");

        Assert.Equal(0, Promote());

        Assert.NotNull(new FileInfo(ProdFile).LinkTarget);
        Assert.Contains("palisade:promotedDigest: sha256:", File.ReadAllText(real));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(real));
        Assert.Equal(["prod.yaml"], Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(real)!).Select(Path.GetFileName));
    }

    [Fact]
    public void On_a_full_file_system_the_stack_file_is_left_as_it_was_with_no_temporary_file()
    {
        var mount = Path.Combine(project.Path, "full");
        Directory.CreateDirectory(mount);
        if (OperatingSystem.IsWindows() || Environment.UserName != "root" || Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount) != 0)
        {
            return; // needs root to mount a small tmpfs
        }

        try
        {
            foreach (var file in new[] { "Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml" })
            {
                File.Copy(Path.Combine(project.Path, file), Path.Combine(mount, file));
            }

            var before = File.ReadAllText(Path.Combine(mount, "Pulumi.prod.yaml"));
            Run("dd", "if=/dev/zero", $"of={Path.Combine(mount, "fill")}", "bs=4k", "count=64");
            var context = TestApps.Context(mount, _ => null, project.Out, project.Error);

            Assert.Equal(2, Palisade.Infra.Cli.PalisadeCli.Run(["promote", "dev", "prod", "--base", "none"], () => context));

            Assert.Contains("error: Pulumi.prod.yaml: could not be replaced (No space left on device", project.Error.ToString());
            Assert.Equal(before, File.ReadAllText(Path.Combine(mount, "Pulumi.prod.yaml")));
            Assert.Empty(Directory.EnumerateFiles(mount, ".*"));
        }
        finally
        {
            Run("umount", mount);
        }
    }

    private static int Run(string executable, params string[] args) => ProcessRunner.Instance.Run(executable, args, "/").ExitCode;

    [Fact]
    public void A_stack_file_promote_cannot_edit_safely_is_refused_with_exit_2_and_left_as_it_was()
    {
        // Outside git the old revision must go, but it is written as an explicit key that does not own its line.
        project.WriteStack("prod", Prod + "\n  ? palisade:promotedRevision\n  : 0123456789abcdef0123456789abcdef01234567\n");
        var before = File.ReadAllText(ProdFile);

        Assert.Equal(2, Promote());

        Assert.Contains("error: Pulumi.prod.yaml: promote cannot edit this file safely: `palisade:promotedRevision` is not on a line of its own", project.Error.ToString());
        Assert.Equal(before, File.ReadAllText(ProdFile));
    }

    [Fact]
    public void Outside_git_a_stale_recorded_revision_is_removed_because_it_would_not_name_what_was_verified()
    {
        project.WriteStack("prod", Prod + "\n  palisade:promotedRevision: 0123456789abcdef0123456789abcdef01234567\n");

        Assert.Equal(0, Promote());

        Assert.Null(ReadProd().String(ConfigSchema.PromotedRevision));
        Assert.StartsWith("sha256:", ReadProd().String(ConfigSchema.PromotedDigest));
    }

    [Fact]
    public void In_a_clean_tree_the_revision_recorded_is_HEAD()
    {
        var head = InitRepository();

        Assert.Equal(0, Promote());

        Assert.Equal(head, ReadProd().String(ConfigSchema.PromotedRevision));
    }

    [Fact]
    public void Uncommitted_changes_to_what_is_synthesized_are_refused_naming_them_and_allow_dirty_records_the_fact()
    {
        var head = InitRepository();
        Directory.CreateDirectory(Path.Combine(project.Path, "components"));
        File.WriteAllText(Path.Combine(project.Path, "components", "New.cs"), "// new\n");
        File.AppendAllText(Path.Combine(project.Path, "Pulumi.dev.yaml"), "\n");
        File.WriteAllText(Path.Combine(project.Path, "README.md"), "docs do not change what is synthesized\n");
        var before = File.ReadAllText(ProdFile);

        Assert.Equal(2, Promote());

        var error = project.Error.ToString();
        Assert.StartsWith("error: promote: files that affect synthesis have uncommitted changes", error);
        Assert.Contains("Pulumi.dev.yaml", error);
        Assert.Contains("components/New.cs", error);
        Assert.DoesNotContain("README.md", error);
        Assert.Contains($"--allow-dirty to record {head}+dirty.", error);
        Assert.Equal(before, File.ReadAllText(ProdFile));

        Assert.Equal(0, Promote("--allow-dirty"));

        Assert.Equal($"{head}+dirty", ReadProd().String(ConfigSchema.PromotedRevision));
        Assert.Contains($"warning: promote: recording {head}+dirty", project.Error.ToString());
        Assert.Equal(0, project.Run("verify", "prod"));
    }

    [Fact]
    public void Changes_to_files_that_do_not_affect_synthesis_do_not_block_a_promotion()
    {
        var head = InitRepository();
        File.WriteAllText(Path.Combine(project.Path, "README.md"), "changed\n");
        Directory.CreateDirectory(Path.Combine(project.Path, "tests"));
        File.WriteAllText(Path.Combine(project.Path, "tests", "Note.cs"), "// test\n");

        Assert.Equal(0, Promote());

        Assert.Equal(head, ReadProd().String(ConfigSchema.PromotedRevision));
    }

    [Fact]
    public void An_uncommitted_earlier_promotion_of_the_target_does_not_count_as_dirty()
    {
        InitRepository();
        Assert.Equal(0, Promote());
        File.WriteAllText(Path.Combine(project.Path, "README.md"), "next commit\n");
        Git("add", "README.md");
        Git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "docs");
        var head = Git("rev-parse", "HEAD").Trim();

        Assert.True(Promote() == 0, project.Error.ToString());

        Assert.Equal(head, ReadProd().String(ConfigSchema.PromotedRevision));
    }

    private string InitRepository()
    {
        Git("init", "-q");
        Git("add", ".");
        Git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base");
        return Git("rev-parse", "HEAD").Trim();
    }

    private string Git(params string[] args)
    {
        var result = ProcessRunner.Instance.Run("git", args, project.Path);
        Assert.True(result.Succeeded, result.StandardError);
        return result.StandardOutput;
    }

    public void Dispose() => project.Dispose();
}
