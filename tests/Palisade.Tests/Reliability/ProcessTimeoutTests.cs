using System.Diagnostics;
using Palisade.Components.Diagnostics;
using Palisade.Infra.Process;

namespace Palisade.Tests.Reliability;

/// <summary>
/// Child processes have a time limit; past it they are killed with everything they started (their process group on
/// Linux, so re-parented grandchildren too), and the run ends with one line naming the command and the limit.
/// </summary>
public sealed class ProcessTimeoutTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("palisade-tests-process-").FullName;

    private static ProcessRunner Runner(TimeSpan? grace = null) => new(new ProcessTimeouts(_ => null), grace);

    [Fact]
    public void A_child_past_its_limit_is_killed_with_its_children_and_orphaned_grandchildren_and_named_with_the_limit()
    {
        // One grandchild stays a child of sh; the other is orphaned at once (its subshell exits), so only the group reaches it.
        var script = "sleep 30 & echo $! > child.pid; (sleep 30 & echo $! > orphan.pid); wait";
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<InputError>(() => Runner().Run("sh", ["-c", script], folder, null, TimeSpan.FromMilliseconds(700)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.StartsWith("sh -c ", error.Message);
        Assert.Contains("did not finish within 700 ms and was stopped together with every process it started", error.Message);
        Assert.Contains("PALISADE_SH_TIMEOUT=", error.Message);
        AssertGone(Pid("child.pid"));
        if (OperatingSystem.IsLinux())
        {
            AssertGone(Pid("orphan.pid"));
        }
    }

    [Fact]
    public void On_linux_a_child_leads_a_process_group_of_its_own()
    {
        if (!OperatingSystem.IsLinux() || ChildProcesses.Setsid is null)
        {
            return; // xunit 2 has no runtime skip: process groups via setsid exist on Linux only.
        }

        var result = Runner().Run("sh", ["-c", "cut -d' ' -f1,5 /proc/$$/stat"], folder);

        var fields = result.StandardOutput.Trim().Split(' ');
        Assert.Equal(fields[0], fields[1]);
        Assert.NotEqual(Environment.ProcessId.ToString(), fields[1]);
    }

    [Fact]
    public void A_grandchild_that_keeps_the_output_open_after_the_child_exits_is_killed_and_the_output_returned()
    {
        var clock = Stopwatch.StartNew();

        var result = Runner(TimeSpan.FromMilliseconds(300)).Run("sh", ["-c", "sleep 30 & echo $! > server.pid; echo built"], folder, null, TimeSpan.FromSeconds(20));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("built\n", result.StandardOutput);
        AssertGone(Pid("server.pid"));
    }

    [Fact]
    public void A_missing_program_is_still_a_start_error_and_not_an_exit_code_of_setsid()
    {
        var error = Assert.Throws<ProcessStartException>(() => Runner().Run("palisade-no-such-tool", [], folder));

        Assert.Equal("palisade-no-such-tool", error.Executable);
    }

    [Theory]
    [InlineData("git", null, 120)]
    [InlineData("dotnet", null, 600)]
    [InlineData("pulumi", null, 7200)]
    [InlineData("pulumi", "45m", 2700)]
    [InlineData("pulumi", "90", 90)]
    [InlineData("git", "1h", 3600)]
    [InlineData("kubectl", null, 600)]
    public void Limits_default_per_tool_and_are_set_with_an_environment_variable(string tool, string? value, int seconds)
    {
        var timeouts = new ProcessTimeouts(name => name == ProcessTimeouts.Variable(tool) ? value : null);

        Assert.Equal(TimeSpan.FromSeconds(seconds), timeouts.For(tool));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("10 m")]
    [InlineData("99999999999999999999")]
    [InlineData("1.5h")]
    public void A_limit_that_is_not_a_duration_is_bad_input_naming_the_variable(string value)
    {
        var timeouts = new ProcessTimeouts(name => name == "PALISADE_PULUMI_TIMEOUT" ? value : null);

        var error = Assert.Throws<InputError>(() => timeouts.For("pulumi"));

        Assert.StartsWith("PALISADE_PULUMI_TIMEOUT: ", error.Message);
        Assert.Contains("is not a duration", error.Message);
    }

    private int Pid(string file)
    {
        var path = Path.Combine(folder, file);
        for (var i = 0; i < 100 && !File.Exists(path); i++)
        {
            Thread.Sleep(20);
        }

        return int.Parse(File.ReadAllText(path).Trim());
    }

    /// <summary>Dead, or a zombie waiting for a parent that is not ours to reap it.</summary>
    internal static void AssertGone(int pid)
    {
        for (var i = 0; i < 100; i++)
        {
            if (!IsAlive(pid))
            {
                return;
            }

            Thread.Sleep(20);
        }

        Assert.Fail($"process {pid} is still running");
    }

    internal static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var text = File.ReadAllText(stat);
                return text[(text.LastIndexOf(')') + 2)] != 'Z';
            }
            catch (IOException)
            {
                return false;
            }
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
