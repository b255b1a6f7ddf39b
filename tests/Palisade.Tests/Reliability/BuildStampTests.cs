namespace Palisade.Tests.Reliability;

/// <summary>
/// The content stamp that lets scripts/palisade and the compiler entry skip `dotnet publish`: it follows the content
/// of the build inputs (not commits, not timestamps), in a git work tree and in a plain folder.
/// </summary>
public class BuildStampTests
{
    private const string SourceFile = "components/Palisade.Components.csproj";

    [Fact]
    public void A_commit_or_a_touched_file_keeps_the_stamp()
    {
        using var repo = RepoCopy.WithGit();
        var before = repo.Stamp();

        repo.Git("commit", "-q", "--allow-empty", "-m", "empty");
        Assert.Equal(before, repo.Stamp());

        repo.Touch(SourceFile);
        repo.Touch("cli/Program.cs");
        Assert.Equal(before, repo.Stamp());

        repo.Append("README.md", "\nNot a build input.\n");
        Assert.Equal(before, repo.Stamp());

        Assert.Matches("^[0-9a-f]{32}$", before);
    }

    [Fact]
    public void Every_kind_of_change_to_a_build_input_changes_the_stamp_and_undoing_it_restores_it()
    {
        using var repo = RepoCopy.WithGit();
        var original = repo.Stamp();
        var program = repo.Read("cli/Program.cs");
        var seen = new HashSet<string> { original };

        repo.Append("cli/Program.cs", "// changed\n");
        Assert.True(seen.Add(repo.Stamp()), "an unstaged edit of a C# file");

        repo.Git("add", "cli/Program.cs");
        var staged = repo.Stamp();
        Assert.NotEqual(original, staged);

        repo.Git("commit", "-q", "-m", "edit");
        Assert.Equal(staged, repo.Stamp());

        repo.Write("cli/Program.cs", program);
        Assert.Equal(original, repo.Stamp());

        repo.Write("stacks/Probe.cs", "namespace Probe;\n");
        Assert.True(seen.Add(repo.Stamp()), "a new, untracked C# file");
        repo.Delete("stacks/Probe.cs");

        repo.Delete("infra/Cli/ExitCodes.cs");
        Assert.True(seen.Add(repo.Stamp()), "a deleted C# file");
        repo.Git("checkout", "--", "infra/Cli/ExitCodes.cs");

        repo.Append("Directory.Build.props", "<!-- changed -->\n");
        Assert.True(seen.Add(repo.Stamp()), "a root build file");
        repo.Git("checkout", "--", "Directory.Build.props");

        Assert.Equal(original, repo.Stamp());
    }

    [Fact]
    public void Build_output_inside_the_project_folders_is_not_an_input()
    {
        using var repo = RepoCopy.WithGit();
        var before = repo.Stamp();

        repo.Write("infra/bin/Release/net10.0/generated.cs", "class Generated;\n");
        repo.Write("components/obj/x.cs", "class X;\n");

        Assert.Equal(before, repo.Stamp());
    }

    [Fact]
    public void Outside_a_git_work_tree_the_stamp_follows_file_content()
    {
        using var repo = RepoCopy.WithoutGit();
        var before = repo.Stamp();

        repo.Touch("cli/Program.cs");
        Assert.Equal(before, repo.Stamp());

        repo.Append("cli/Program.cs", "// changed\n");
        var changed = repo.Stamp();
        Assert.NotEqual(before, changed);

        repo.Write("infra/obj/y.cs", "class Y;\n");
        Assert.Equal(changed, repo.Stamp());
    }

    [Fact]
    public async Task The_flavor_is_part_of_the_stamp_and_an_unknown_flavor_is_refused()
    {
        using var repo = RepoCopy.WithGit();
        var script = Path.Combine(repo.Root, "scripts/lib/cli-build.sh");

        var native = await CliRun.Run("bash", [script, "stamp"], repo.Root, new Dictionary<string, string?> { ["PALISADE_BUILD"] = "native" });
        var unknown = await CliRun.Run("bash", [script, "stamp"], repo.Root, new Dictionary<string, string?> { ["PALISADE_BUILD"] = "fast" });

        Assert.Equal(0, native.ExitCode);
        Assert.NotEqual(repo.Stamp(), native.Stdout.Trim());
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal(string.Empty, unknown.Stdout);
        Assert.StartsWith("error: PALISADE_BUILD=fast: unknown build flavor.", unknown.Stderr, StringComparison.Ordinal);
    }
}
