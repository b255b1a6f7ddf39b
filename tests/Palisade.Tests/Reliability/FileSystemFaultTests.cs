using Palisade.Infra.Synthesis;
using Palisade.Tests.Support;

namespace Palisade.Tests.Reliability;

/// <summary>
/// Issue #8 part 3 (I/O): a full, read-only or special file system, an immutable folder or file, a mount point as the
/// target. Each is exit 2 with one line naming the path, what went wrong and what to do, and the earlier output is
/// either untouched or (when only the clean-up failed) completely replaced.
/// </summary>
public class FileSystemFaultTests
{
    private static string OneErrorLine(TestProject project)
    {
        var error = project.Error.ToString();
        Assert.StartsWith("error: ", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", error);
        return error;
    }

    [MountFact]
    public void A_full_file_system_is_exit_2_and_leaves_no_partial_output()
    {
        using var project = TestProject.WithRepoStacks();
        using var mount = Mount.Tmpfs(Path.Combine(project.Path, "tiny"), "64k");
        var target = Path.Combine(mount.Path, "out");

        Assert.Equal(2, project.Run("synth", "dev", "--out", target));

        var error = OneErrorLine(project);
        Assert.Contains($"error: {target}: cannot write the output (at {mount.Path}/.out.staging-", error);
        Assert.Contains("no space left on the file system. Free some space, or pass --out on another file system.", error);
        Assert.False(Path.Exists(target));
        Assert.Empty(OutputSnapshot.Leftovers(target));
    }

    [MountFact]
    public void A_file_system_that_fills_up_during_a_replacement_keeps_the_old_output()
    {
        using var project = TestProject.WithRepoStacks();
        // Room for one output and a half: the old one fits, the old one plus the new one's staging copy does not.
        var pages = new[] { "prod", "dev" }.Max(stack => Pages(project, stack));
        using var mount = Mount.Tmpfs(Path.Combine(project.Path, "small"), $"{pages * 4 * 3 / 2}k");
        var target = Path.Combine(mount.Path, "out");
        Assert.Equal(0, project.Run("synth", "prod", "--out", target));
        var before = OutputSnapshot.Of(target);

        Assert.Equal(2, project.Run("synth", "dev", "--out", target));

        Assert.Contains("no space left on the file system", OneErrorLine(project));
        Assert.True(OutputSnapshot.Of(target).SameAs(before));
        Assert.Empty(OutputSnapshot.Leftovers(target));
    }

    [MountFact]
    public void A_read_only_file_system_is_exit_2_and_the_output_there_is_untouched()
    {
        using var project = TestProject.WithRepoStacks();
        var source = Path.Combine(project.Path, "writable");
        Assert.Equal(0, project.Run("synth", "dev", "--out", Path.Combine(source, "out")));
        using var mount = ReadOnly(source, Path.Combine(project.Path, "ro"));
        var target = Path.Combine(mount.Path, "out");
        var before = OutputSnapshot.Of(target);

        Assert.Equal(2, project.Run("synth", "prod", "--out", target));
        Assert.Contains("the file system is read-only. Pass --out on a writable file system.", OneErrorLine(project));
        Assert.True(OutputSnapshot.Of(target).SameAs(before));

        project.Error.GetStringBuilder().Clear();
        Assert.Equal(2, project.Run("synth", "prod", "--out", Path.Combine(mount.Path, "new", "out")));
        Assert.Contains("the file system is read-only", OneErrorLine(project));
    }

    /// <summary>4 KiB pages an output takes on tmpfs: each file and folder at least one.</summary>
    private static long Pages(TestProject project, string stack)
    {
        var folder = Path.Combine(project.Path, "sizes", stack);
        Assert.Equal(0, project.Run("synth", stack, "--out", folder));
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => Math.Max(1, (new FileInfo(f).Length + 4095) / 4096)) +
               Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).Count() + 1;
    }

    private static Mount ReadOnly(string source, string path) => Mount.ReadOnlyBind(source, path);

    [MountFact]
    public void A_mount_point_cannot_be_swapped_and_says_to_write_inside_it()
    {
        using var project = TestProject.WithRepoStacks();
        using var mount = Mount.Tmpfs(Path.Combine(project.Path, "mnt"), "1m");

        Assert.Equal(2, project.Run("synth", "dev", "--out", "mnt"));

        var error = OneErrorLine(project);
        Assert.Contains($"error: {mount.Path}: cannot write the output:", error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(mount.Path));
        Assert.Empty(OutputSnapshot.Leftovers(mount.Path));

        project.Error.GetStringBuilder().Clear();
        Assert.Equal(0, project.Run("synth", "dev", "--out", "mnt/out"));
    }

    [ImmutableFact]
    public void An_immutable_output_folder_is_exit_2_and_stays_as_it_was()
    {
        using var project = TestProject.WithRepoStacks();
        var target = Path.Combine(project.Path, "out", "x");
        Assert.Equal(0, project.Run("synth", "dev", "--out", target));
        var before = OutputSnapshot.Of(target);
        Mount.Run("chattr", "+i", target);
        try
        {
            Assert.Equal(2, project.Run("synth", "prod", "--out", target));

            var error = OneErrorLine(project);
            Assert.Contains($"error: {target}: cannot write the output: permission denied.", error);
            Assert.Contains("chattr -i", error);
            Assert.True(OutputSnapshot.Of(target).SameAs(before));
            Assert.Empty(OutputSnapshot.Leftovers(target));
        }
        finally
        {
            Mount.Run("chattr", "-i", target);
        }
    }

    [ImmutableFact]
    public void An_immutable_file_in_the_old_output_is_reported_and_the_new_output_is_complete()
    {
        using var project = TestProject.WithRepoStacks();
        var target = Path.Combine(project.Path, "out", "x");
        Assert.Equal(0, project.Run("synth", "prod", "--out", target));
        Assert.Equal(0, project.Run("synth", "dev", "--out", Path.Combine(project.Path, "out", "reference")));
        var reference = OutputSnapshot.Of(Path.Combine(project.Path, "out", "reference"));
        Mount.Run("chattr", "+i", Path.Combine(target, "Main.yaml"));
        string? leftover = null;
        try
        {
            Assert.Equal(2, project.Run("synth", "dev", "--out", target));

            var error = OneErrorLine(project);
            Assert.Contains($"the new output is complete in {target}, but the previous one, moved here, could not be removed: permission denied.", error);
            Assert.True(OutputSnapshot.Of(target).SameAs(reference));
            leftover = Assert.Single(OutputSnapshot.Leftovers(target));
            Assert.StartsWith($"error: {leftover}: ", error);

            // The next run cannot remove it either: a note, not a failure.
            project.Error.GetStringBuilder().Clear();
            Assert.Equal(0, project.Run("synth", "dev", "--out", target));
            Assert.Contains($"note: could not remove {leftover}, left by an earlier run", project.Error.ToString());
        }
        finally
        {
            if (leftover is not null)
            {
                Mount.Run("chattr", "-i", Path.Combine(leftover, "Main.yaml"));
            }
            else
            {
                Mount.TryRun("chattr", "-i", Path.Combine(target, "Main.yaml"));
            }
        }

        Assert.Equal(0, project.Run("synth", "dev", "--out", target));
        Assert.Empty(OutputSnapshot.Leftovers(target));
    }

    [Theory]
    [InlineData("/proc/palisade-out")]
    [InlineData("/proc/self/palisade-out")]
    [InlineData("/sys/palisade-out")]
    public void A_special_file_system_is_exit_2_with_the_path(string target)
    {
        if (!Directory.Exists("/proc"))
        {
            return; // not Linux: nothing special at these paths
        }

        using var project = TestProject.WithRepoStacks();

        Assert.Equal(2, project.Run("synth", "dev", "--out", target));

        var error = OneErrorLine(project);
        Assert.Contains("cannot write the output", error);
        Assert.Contains(target.StartsWith("/proc/self", StringComparison.Ordinal) ? "/proc/" : target, error);
    }

    [Fact]
    public void A_dangling_symlink_as_a_file_in_the_way_is_refused()
    {
        using var project = TestProject.WithRepoStacks();
        File.CreateSymbolicLink(Path.Combine(project.Path, "dangling"), Path.Combine(project.Path, "nowhere", "at", "all"));

        // Followed: the link's target is a new folder, which qualifies.
        Assert.Equal(0, project.Run("synth", "dev", "--out", "dangling"));
        Assert.True(File.Exists(Path.Combine(project.Path, "nowhere", "at", "all", OutputMarker.File)));
    }

    [Fact]
    public void A_fifo_or_a_device_as_the_target_is_a_file_not_a_folder()
    {
        using var project = TestProject.WithRepoStacks();
        if (Mount.TryRun("mkfifo", Path.Combine(project.Path, "fifo")).Exit != 0)
        {
            return; // no mkfifo here
        }

        Assert.Equal(2, project.Run("synth", "dev", "--out", "fifo"));
        Assert.Contains("is a file, not a folder", OneErrorLine(project));

        project.Error.GetStringBuilder().Clear();
        Assert.Equal(2, project.Run("synth", "dev", "--out", "/dev/null"));
        Assert.Contains("error: /dev/null: is a file, not a folder", OneErrorLine(project));
    }
}
