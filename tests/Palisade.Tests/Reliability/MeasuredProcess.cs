using System.Diagnostics;

namespace Palisade.Tests.Reliability;

/// <summary>
/// Runs the built CLI as a child process, hands its stdout to a reader while it runs, and samples the child's peak
/// resident memory (VmHWM on Linux, through <see cref="Process.PeakWorkingSet64"/>) until it exits. The peak only
/// grows, so sampling every few milliseconds misses at most the last few milliseconds of a run.
/// Also compiled into the benchmarks.
/// </summary>
public static class MeasuredProcess
{
    public sealed record Outcome<T>(int ExitCode, string Stderr, long PeakBytes, T Output, TimeSpan Elapsed);

    public static string CliPath => Path.Combine(AppContext.BaseDirectory, "palisade.dll");

    public static async Task<Outcome<T>> RunCli<T>(Func<Stream, T> readStdout, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [CliPath, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        using var cancel = new CancellationTokenSource(timeout);
        long peak = 0;
        var sampler = Task.Run(async () =>
        {
            while (!process.HasExited)
            {
                try
                {
                    process.Refresh();
                    peak = Math.Max(peak, process.PeakWorkingSet64);
                }
                catch (InvalidOperationException)
                {
                    break;
                }

                await Task.Delay(5);
            }
        });
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var output = await Task.Run(() => readStdout(process.StandardOutput.BaseStream), cancel.Token);
            await process.WaitForExitAsync(cancel.Token);
            await sampler;
            return new Outcome<T>(process.ExitCode, await stderr, peak, output, watch.Elapsed);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
