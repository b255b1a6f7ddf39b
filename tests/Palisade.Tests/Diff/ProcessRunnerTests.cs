using Palisade.Infra.Process;

namespace Palisade.Tests.Diff;

/// <summary>The real process runner: exit code, both streams, working directory and environment.</summary>
public class ProcessRunnerTests
{
    [Fact]
    public void Captures_exit_code_stdout_and_stderr_in_the_working_directory_with_the_environment()
    {
        var folder = Path.Combine(Path.GetTempPath(), "palisade-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var result = ProcessRunner.Instance.Run("sh", ["-c", "pwd; echo \"$PALISADE_TEST_VALUE\" >&2; exit 3"], folder,
                new Dictionary<string, string?> { ["PALISADE_TEST_VALUE"] = "hello" });

            Assert.Equal(3, result.ExitCode);
            Assert.False(result.Succeeded);
            Assert.Equal(Path.GetFileName(folder), Path.GetFileName(result.StandardOutput.Trim()));
            Assert.Equal("hello\n", result.StandardError);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Large_output_on_both_streams_does_not_block()
    {
        var result = ProcessRunner.Instance.Run("sh", ["-c", "i=0; while [ $i -lt 20000 ]; do echo out$i; echo err$i >&2; i=$((i+1)); done"], Path.GetTempPath());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(20000, result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(20000, result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_missing_executable_is_a_start_error_naming_it()
    {
        var error = Assert.Throws<ProcessStartException>(() => ProcessRunner.Instance.Run("palisade-no-such-tool", [], Path.GetTempPath()));

        Assert.Equal("palisade-no-such-tool", error.Executable);
        Assert.Contains("could not start 'palisade-no-such-tool'", error.Message);
    }
}
