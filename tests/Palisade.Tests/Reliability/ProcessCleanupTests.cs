using System.Diagnostics;
using Palisade.Infra.Process;
using Palisade.Tests.Support;

namespace Palisade.Tests.Reliability;

/// <summary>
/// The real program, interrupted in the middle of <c>diff --base</c> while the base's build runs (a fake, slow
/// <c>dotnet</c> first on PATH, so no real build is needed): kill -9 leaves its workspace and the orphaned build, and
/// the next run removes both; SIGTERM kills the build and removes the workspace itself. Real signals and waits on
/// real processes, so the interrupting tests run in the slow lane.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProcessCleanupTests : IDisposable
{
    private const string MarkerVariable = "PALISADE_TEST_MARKER";
    private readonly string root = Directory.CreateTempSubdirectory("palisade-tests-cleanup-").FullName;
    private readonly string temp;
    private readonly string repository;
    private readonly string bin;
    private readonly string marker;

    public ProcessCleanupTests()
    {
        temp = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName;
        repository = Directory.CreateDirectory(Path.Combine(root, "repo")).FullName;
        bin = Directory.CreateDirectory(Path.Combine(root, "bin")).FullName;
        marker = Path.Combine(root, "build.pid");

        foreach (var file in new[] { "Pulumi.yaml", "Pulumi.dev.yaml" })
        {
            File.Copy(Path.Combine(RepoPaths.Root, file), Path.Combine(repository, file));
        }

        Directory.CreateDirectory(Path.Combine(repository, "infra"));
        File.WriteAllText(Path.Combine(repository, "infra", "Palisade.Infra.csproj"), "<Project />\n");
        Git("init", "-q");
        Git("add", ".");
        Git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "base");

        // The first build hangs (and says where it runs); any later one fails at once.
        var fake = Path.Combine(bin, "dotnet");
        File.WriteAllText(fake, $"""
            #!/bin/sh
            if [ -e "${MarkerVariable}" ]; then echo "error: the fake build fails" >&2; exit 3; fi
            echo "$$ $PWD" > "${MarkerVariable}.tmp" && mv "${MarkerVariable}.tmp" "${MarkerVariable}"
            exec sleep 60
            """.Replace("\r\n", "\n") + "\n");
        File.SetUnixFileMode(fake, (UnixFileMode)0b111_101_101);
    }

    [Trait("Category", "Slow")]
    [SlowFact]
    public void A_diff_base_killed_with_SIGKILL_leaves_its_workspace_and_build_and_the_next_run_removes_both()
    {
        using var first = StartDiff();
        var (build, workspace) = WaitForBuild(first);
        Assert.Matches($"^palisade-base-{first.Id}-[0-9a-f]{{8}}$", Path.GetFileName(workspace));
        Assert.True(File.Exists(Path.Combine(workspace, TemporaryWorkspace.OwnerFile)));

        first.Kill(); // SIGKILL: no handler, no finally
        first.WaitForExit();
        Assert.True(Directory.Exists(workspace), "a SIGKILL leaves the workspace behind");
        Assert.True(ProcessTimeoutTests.IsAlive(build), "and the build it started");

        using var second = StartDiff();
        Assert.True(second.WaitForExit(TimeSpan.FromSeconds(30)), "the second run finishes");
        var output = second.StandardOutput.ReadToEnd();
        Assert.True(second.ExitCode == 0, second.StandardError.ReadToEnd());

        Assert.Contains("could not be synthesized", output);
        Assert.Contains("the fake build fails", output);
        ProcessTimeoutTests.AssertGone(build);
        Assert.False(Directory.Exists(workspace));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp, "palisade-*"));
    }

    [Trait("Category", "Slow")]
    [SlowTheory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public void A_diff_base_stopped_with_SIGTERM_or_Ctrl_C_kills_its_build_and_removes_its_workspace_itself(string signal, int exitCode)
    {
        using var run = StartDiff();
        var (build, workspace) = WaitForBuild(run);

        using (var kill = Process.Start("kill", [$"-{signal}", run.Id.ToString()]))
        {
            kill.WaitForExit();
        }

        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(10)), $"SIG{signal} ends the run");
        Assert.Equal(exitCode, run.ExitCode);
        ProcessTimeoutTests.AssertGone(build);
        Assert.False(Directory.Exists(workspace));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp, "palisade-*"));
    }

    [Fact]
    public void A_workspace_whose_owner_still_runs_is_left_alone()
    {
        using var workspace = TemporaryWorkspace.Create("base", temp);

        Assert.Empty(TemporaryWorkspace.RemoveStale(temp));
        Assert.True(Directory.Exists(workspace.Path));

        // Same pid, other start time: the pid was reused by another process, so the workspace is stale.
        File.WriteAllText(Path.Combine(workspace.Path, TemporaryWorkspace.OwnerFile), $"{Environment.ProcessId} 1\n");
        Assert.Equal([workspace.Path], TemporaryWorkspace.RemoveStale(temp));
    }

    private Process StartDiff()
    {
        var dotnet = ExecutablePath.Find("dotnet", null) ?? throw new InvalidOperationException("dotnet is not on PATH");
        var start = new ProcessStartInfo(dotnet, [Path.Combine(AppContext.BaseDirectory, "palisade.dll"), "diff", "--base", "HEAD", "dev"])
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["TMPDIR"] = temp;
        start.Environment["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment[MarkerVariable] = marker;
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(root, "cache");
        return Process.Start(start)!;
    }

    /// <summary>The fake build's pid and the workspace it runs in, once it runs.</summary>
    private (int Pid, string Workspace) WaitForBuild(Process run)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(marker))
        {
            if (run.HasExited)
            {
                Assert.Fail($"palisade ended (exit {run.ExitCode}) before the build started: {run.StandardError.ReadToEnd()}");
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the build did not start");
            Thread.Sleep(20);
        }

        var fields = File.ReadAllText(marker).Trim().Split(' ', 2);
        var workspace = Path.GetDirectoryName(fields[1])!; // the build runs in <workspace>/src
        Assert.Equal(temp, Path.GetDirectoryName(workspace));
        return (int.Parse(fields[0]), workspace);
    }

    private void Git(params string[] args)
    {
        var result = ProcessRunner.Instance.Run("git", args, repository);
        Assert.True(result.Succeeded, result.StandardError);
    }

    public void Dispose()
    {
        if (File.Exists(marker) && int.TryParse(File.ReadAllText(marker).Split(' ')[0], out var pid) && ProcessTimeoutTests.IsAlive(pid))
        {
            using var leftover = Process.GetProcessById(pid);
            leftover.Kill();
        }

        Directory.Delete(root, recursive: true);
    }
}
