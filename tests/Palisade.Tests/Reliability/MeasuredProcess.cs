using System.Diagnostics;

namespace Palisade.Tests.Reliability;

/// <summary>
/// Runs the built CLI as a child process, hands its stdout to a reader while it runs, and samples the child's peak
/// resident memory (VmHWM from /proc/PID/status) until its output is drained. The peak only
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
        var reading = true;
        // A thread of its own: under a parallel test run the thread pool can be too busy to sample in time.
        var sampler = new Thread(() =>
        {
            // Sample until stdout is drained, not until HasExited: the child cannot finish before its last bytes are read.
            while (Volatile.Read(ref reading) || !process.HasExited)
            {
                Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), HighWaterMark(process.Id)));
                if (process.HasExited)
                {
                    break;
                }

                Thread.Sleep(2);
            }
        }) { IsBackground = true };
        sampler.Start();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var output = await Task.Run(() => readStdout(process.StandardOutput.BaseStream), cancel.Token);
            Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), HighWaterMark(process.Id)));
            Volatile.Write(ref reading, false);
            await process.WaitForExitAsync(cancel.Token);
            sampler.Join();
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

    /// <summary>VmHWM of a live process in bytes (0 once it is gone).</summary>
    private static long HighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }
}
