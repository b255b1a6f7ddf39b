using Palisade.Infra.Synthesis;
using Palisade.Tests.Support;

namespace Palisade.Tests.Reliability;

/// <summary>
/// Issue #8 part 1: synth writes only into a folder that is new, empty or its own, and never into one that holds the
/// project, the home folder, git's data or the root. Every refusal is exit 2, one line, and nothing changes on disk.
/// </summary>
public class OutputFolderTests
{
    private static void AssertRefused(TestProject project, string expected, params string[] args)
    {
        var before = Tree(project.Path);

        Assert.Equal(2, project.Run(args));

        var error = project.Error.ToString();
        Assert.StartsWith("error: ", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains(expected, error);
        Assert.Equal(before, Tree(project.Path));
    }

    /// <summary>Every path under a folder (not following links), so "nothing changed" includes nothing created.</summary>
    private static IReadOnlyList<string> Tree(string folder) => [.. Walk(new DirectoryInfo(folder), folder).Order(StringComparer.Ordinal)];

    private static IEnumerable<string> Walk(DirectoryInfo directory, string root)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(root, entry.FullName);
            if (entry.LinkTarget is { } link)
            {
                yield return $"{relative} -> {link}";
            }
            else if (entry is DirectoryInfo sub)
            {
                yield return relative + "/";
                foreach (var inner in Walk(sub, root))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return $"{relative}:{((FileInfo)entry).Length}";
            }
        }
    }

    [Theory]
    [InlineData(".", "is the project folder")]
    [InlineData("./", "is the project folder")]
    [InlineData("out/..", "is the project folder")]
    [InlineData("..", "holds the project folder")]
    [InlineData("../..", "holds the project folder")]
    [InlineData("/", "is the root folder")]
    [InlineData("//", "is the root folder")]
    [InlineData(".git", "is inside a .git folder")]
    [InlineData(".git/out", "is inside a .git folder")]
    [InlineData("sub/.git/x", "is inside a .git folder")]
    [InlineData("", "the path is empty")]
    [InlineData("  ", "the path is empty")]
    [InlineData("out/a\nb", "contains a control character")]
    [InlineData("Pulumi.yaml", "is a file, not a folder")]
    [InlineData("Pulumi.yaml/sub", "Pulumi.yaml is a file, not a folder")]
    [InlineData("Pulumi.yaml/sub/deeper", "Pulumi.yaml is a file, not a folder")]
    public void Synth_refuses_a_target_that_would_destroy_something(string output, string expected)
    {
        using var project = TestProject.WithRepoStacks();
        Directory.CreateDirectory(Path.Combine(project.Path, ".git", "objects"));
        File.WriteAllText(Path.Combine(project.Path, ".git", "HEAD"), "ref: refs/heads/main\n");

        AssertRefused(project, expected, "synth", "dev", "--out", output);
        Assert.True(File.Exists(Path.Combine(project.Path, ".git", "HEAD")));
    }

    [Fact]
    public void The_project_folder_is_refused_from_a_subfolder_too()
    {
        using var project = TestProject.WithRepoStacks();
        var sub = Directory.CreateDirectory(Path.Combine(project.Path, "docs", "deep")).FullName;
        var context = project.Context() with { WorkingDirectory = sub };

        Assert.Equal(2, Palisade.Infra.Cli.PalisadeCli.Run(["synth", "dev", "--out", "../.."], () => context));
        Assert.Contains("is the project folder", project.Error.ToString());
        Assert.True(File.Exists(Path.Combine(project.Path, "Pulumi.dev.yaml")));
    }

    [Fact]
    public void The_home_folder_and_its_ancestors_are_refused()
    {
        using var project = TestProject.WithRepoStacks();
        var home = Directory.CreateDirectory(Path.Combine(project.Path, "users", "me")).FullName;
        var env = new Dictionary<string, string> { ["HOME"] = home };

        Assert.Equal(2, Palisade.Infra.Cli.PalisadeCli.Run(["synth", "dev", "--out", "users/me"], () => project.Context(env)));
        Assert.Equal(2, Palisade.Infra.Cli.PalisadeCli.Run(["synth", "dev", "--out", "users"], () => project.Context(env)));

        var lines = project.Error.ToString().Trim().Split('\n');
        Assert.Contains("is your home folder", lines[0]);
        Assert.Contains($"holds your home folder {home}", lines[1]);
        Assert.Empty(Directory.EnumerateFileSystemEntries(home));
    }

    [Fact]
    public void A_folder_with_files_synth_did_not_write_is_refused_and_kept()
    {
        using var project = TestProject.WithRepoStacks();
        var mine = Directory.CreateDirectory(Path.Combine(project.Path, "notes")).FullName;
        File.WriteAllText(Path.Combine(mine, "todo.txt"), "mine");

        AssertRefused(project, "is not empty and was not written by synth (it has no .palisade-output)", "synth", "dev", "--out", "notes");
        Assert.Equal("mine", File.ReadAllText(Path.Combine(mine, "todo.txt")));
    }

    [Theory]
    [InlineData("extra.txt", "holds 'extra.txt', which synth did not write")]
    [InlineData("manifests/extra.yaml", "holds 'manifests/extra.yaml', which synth did not write")]
    [InlineData("mine/", "holds 'mine/', which synth did not write")]
    public void An_earlier_output_with_something_added_is_refused(string added, string expected)
    {
        using var project = TestProject.WithRepoStacks();
        Assert.Equal(0, project.Run("synth", "dev"));
        var path = Path.Combine(project.Path, "out", "dev", added);
        if (added.EndsWith('/'))
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            File.WriteAllText(path, "added by hand");
        }

        AssertRefused(project, expected, "synth", "dev");
    }

    [Fact]
    public void A_symlink_inside_an_earlier_output_is_not_ours()
    {
        using var project = TestProject.WithRepoStacks();
        Assert.Equal(0, project.Run("synth", "dev"));
        var main = Path.Combine(project.Path, "out", "dev", "Main.yaml");
        File.Delete(main);
        File.CreateSymbolicLink(main, Path.Combine(project.Path, "Pulumi.dev.yaml"));

        AssertRefused(project, "holds 'Main.yaml', which synth did not write", "synth", "dev");
        Assert.True(File.Exists(Path.Combine(project.Path, "Pulumi.dev.yaml")));
    }

    [Theory]
    [InlineData("not a marker\nMain.yaml\n", "is not a palisade output marker")]
    [InlineData("palisade-output 9\nMain.yaml\n", "was written by another palisade version (format 9")]
    [InlineData("palisade-output 1\n../Pulumi.dev.yaml\n", "lists '../Pulumi.dev.yaml', which is not a plain relative path")]
    [InlineData("palisade-output 1\n/etc/passwd\n", "lists '/etc/passwd', which is not a plain relative path")]
    public void A_damaged_or_foreign_marker_is_refused(string marker, string expected)
    {
        using var project = TestProject.WithRepoStacks();
        Assert.Equal(0, project.Run("synth", "dev"));
        File.WriteAllText(Path.Combine(project.Path, "out", "dev", OutputMarker.File), marker);

        AssertRefused(project, expected, "synth", "dev");
    }

    [Fact]
    public void An_earlier_output_is_replaced_and_files_it_no_longer_has_go_away()
    {
        using var project = TestProject.WithRepoStacks();
        Assert.Equal(0, project.Run("synth", "prod", "--out", "out/x"));
        var prod = OutputSnapshot.Of(Path.Combine(project.Path, "out", "x"));

        Assert.Equal(0, project.Run("synth", "dev", "--out", "out/x"));
        Assert.Equal(0, project.Run("synth", "dev", "--out", "out/reference"));

        var replaced = OutputSnapshot.Of(Path.Combine(project.Path, "out", "x"));
        Assert.True(replaced.SameAs(OutputSnapshot.Of(Path.Combine(project.Path, "out", "reference"))));
        Assert.False(replaced.SameAs(prod));
        Assert.Empty(OutputSnapshot.Leftovers(Path.Combine(project.Path, "out", "x")));
    }

    [Fact]
    public void The_marker_lists_exactly_the_files_written()
    {
        using var project = TestProject.WithRepoStacks();
        Assert.Equal(0, project.Run("synth", "dev"));
        var folder = Path.Combine(project.Path, "out", "dev");

        var lines = File.ReadAllText(Path.Combine(folder, OutputMarker.File)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal($"palisade-output {OutputMarker.Version}", lines[0]);
        Assert.Equal(project.FilesUnder("out/dev").Where(f => f != OutputMarker.File), lines.Skip(1));
    }

    [Fact]
    public void An_empty_folder_and_a_missing_one_are_both_fine()
    {
        using var project = TestProject.WithRepoStacks();
        Directory.CreateDirectory(Path.Combine(project.Path, "empty"));

        Assert.Equal(0, project.Run("synth", "dev", "--out", "empty"));
        Assert.Equal(0, project.Run("synth", "dev", "--out", "new/deeper/folder"));
        Assert.Contains("Main.yaml", project.FilesUnder("empty"));
        Assert.Contains("Main.yaml", project.FilesUnder("new/deeper/folder"));
    }

    [Fact]
    public void A_symlinked_out_is_followed_when_its_target_qualifies()
    {
        using var project = TestProject.WithRepoStacks();
        var real = Directory.CreateDirectory(Path.Combine(project.Path, "real")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(project.Path, "link"), real);

        Assert.Equal(0, project.Run("synth", "dev", "--out", "link"));
        Assert.Equal(0, project.Run("synth", "dev", "--out", "link"));

        Assert.NotNull(new DirectoryInfo(Path.Combine(project.Path, "link")).LinkTarget);
        Assert.Contains("Main.yaml", project.FilesUnder("real"));
    }

    [Theory]
    [InlineData("/", "is the root folder")]
    [InlineData(".", "is the project folder")]
    [InlineData("..", "holds the project folder")]
    [InlineData(".git", "is inside a .git folder")]
    [InlineData("notes", "was not written by synth")]
    public void A_symlinked_out_is_refused_when_its_target_does_not_qualify(string linkTarget, string expected)
    {
        using var project = TestProject.WithRepoStacks();
        Directory.CreateDirectory(Path.Combine(project.Path, ".git"));
        Directory.CreateDirectory(Path.Combine(project.Path, "notes"));
        File.WriteAllText(Path.Combine(project.Path, "notes", "mine.txt"), "mine");
        var link = Path.Combine(project.Path, "out", "link");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        Directory.CreateSymbolicLink(link, linkTarget.StartsWith('/') ? linkTarget : Path.GetFullPath(Path.Combine(project.Path, linkTarget)));

        AssertRefused(project, expected, "synth", "dev", "--out", "out/link");
    }

    [Fact]
    public void A_symlink_loop_is_refused_not_followed_forever()
    {
        using var project = TestProject.WithRepoStacks();
        File.CreateSymbolicLink(Path.Combine(project.Path, "a"), Path.Combine(project.Path, "b"));
        File.CreateSymbolicLink(Path.Combine(project.Path, "b"), Path.Combine(project.Path, "a"));

        AssertRefused(project, "symbolic links on the way (a link loop?)", "synth", "dev", "--out", "a/out");
    }

    [Fact]
    public void A_symlinked_parent_is_resolved_before_dot_dot()
    {
        // out/up -> project/deep/er, so out/up/../.. is the project's parent's... as the kernel sees it: project/deep/..
        using var project = TestProject.WithRepoStacks();
        var deep = Directory.CreateDirectory(Path.Combine(project.Path, "deep", "er")).FullName;
        Directory.CreateDirectory(Path.Combine(project.Path, "out"));
        Directory.CreateSymbolicLink(Path.Combine(project.Path, "out", "up"), deep);

        AssertRefused(project, "is the project folder", "synth", "dev", "--out", "out/up/../..");
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("...")]
    [InlineData("a/b")]
    [InlineData("../dev")]
    [InlineData("a\\b")]
    [InlineData("")]
    [InlineData("dev\n")]
    [InlineData("de\u0001v")]
    [InlineData("dev stack")]
    [InlineData("dév")]
    public void A_stack_name_that_is_not_plain_is_refused_by_every_verb(string stack)
    {
        foreach (var verb in new[] { "plan", "verify", "synth", "preview", "up", "diff", "promote" })
        {
            using var project = TestProject.WithRepoStacks();
            string[] args = verb switch
            {
                "diff" => ["diff", "dev", stack],
                "promote" => ["promote", stack, "prod", "--dry-run", "--base", "none"],
                _ => [verb, stack],
            };

            AssertRefused(project, "is not a plain stack name", args);
        }
    }

    [Fact]
    public void A_stack_name_of_more_than_100_characters_is_refused()
    {
        using var project = TestProject.WithRepoStacks();
        AssertRefused(project, "at most 100 characters", "synth", new string('a', 101));
    }

    [Theory]
    [InlineData("dev.eu")]
    [InlineData("dev_2-b")]
    [InlineData(".dev")]
    public void Plain_stack_names_with_dots_dashes_and_underscores_work(string stack)
    {
        using var project = TestProject.WithRepoStacks();
        File.Copy(Path.Combine(project.Path, "Pulumi.dev.yaml"), Path.Combine(project.Path, $"Pulumi.{stack}.yaml"));

        Assert.Equal(0, project.Run("synth", stack));
        Assert.Contains("Main.yaml", project.FilesUnder(Path.Combine("out", stack)));
    }
}
