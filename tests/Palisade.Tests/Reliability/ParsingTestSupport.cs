using System.Diagnostics;
using Palisade.Tests.Support;

namespace Palisade.Tests.Reliability;

/// <summary>Temp folders, FIFOs, symlinks and the built CLI as a real process, for the bounded-parsing tests.</summary>
internal static class ParsingTestSupport
{
    public static readonly TimeSpan NoHang = TimeSpan.FromSeconds(20);

    public static string DevStack { get; } = File.ReadAllText(Path.Combine(RepoPaths.Root, "Pulumi.dev.yaml"));

    public static string Namespace(string name) => $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n";

    public static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    /// <summary>Runs <paramref name="action"/> on another thread and fails (instead of hanging the run) if it does not finish.</summary>
    public static T Within<T>(Func<T> action)
    {
        var task = Task.Run(action);
        Assert.True(task.Wait(NoHang), $"did not finish within {NoHang.TotalSeconds} s (blocked on a special file?)");
        return task.Result;
    }

    /// <summary>The built palisade CLI as a child process; killed with its tree when it outlives the timeout.</summary>
    public static (int Code, string Stdout, string Stderr) RunCli(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "palisade.dll"), .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(NoHang))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"palisade {string.Join(' ', args)} did not finish within {NoHang.TotalSeconds} s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Exit code 2 and exactly one line on stderr, starting with "error: " and free of a .NET stack trace.</summary>
    public static string AssertOneErrorLine(int code, string stderr)
    {
        Assert.Equal(2, code);
        var lines = stderr.TrimEnd('\n').Split('\n');
        var line = Assert.Single(lines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        return line;
    }
}

/// <summary>A fact about Linux file types (FIFOs, devices, statx): reported as skipped, with the reason, elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux: special files are told apart with statx(2) and made with mkfifo";
        }
    }
}
