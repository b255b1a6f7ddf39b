using System.Diagnostics;

namespace Palisade.Benchmarks;

/// <summary>Wall-time figures of repeated runs (after a collection), the bytes each run allocates and its CPU time.</summary>
/// <param name="CpuMedianMs">Process CPU time (user + system, all threads: the GC's too) per run, median: steadier than the wall time on a loaded machine.</param>
public sealed record Timings(double MedianMs, double MinMs, double MaxMs, long AllocatedPerRun, double CpuMedianMs);

/// <summary>Median and minimum wall time of repeated runs after a collection, with the bytes each run allocates.</summary>
public static class Measurement
{
    /// <param name="warmUp">Run once first, unmeasured (JIT and first-call costs out of the figures).</param>
    public static (double MedianMs, double MinMs, long AllocatedPerRun) Measure(Func<object> analysis, int runs, bool warmUp = false)
    {
        var timings = Sample(analysis, runs, warmUp);
        return (timings.MedianMs, timings.MinMs, timings.AllocatedPerRun);
    }

    public static Timings Sample(Func<object> analysis, int runs, bool warmUp = false)
    {
        if (warmUp)
        {
            GC.KeepAlive(analysis());
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var times = new List<double>();
        var cpu = new List<double>();
        using var process = Process.GetCurrentProcess();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(analysis());
            times.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / runs;
        times.Sort();
        cpu.Sort();
        return new Timings(times[times.Count / 2], times[0], times[^1], allocated, cpu[cpu.Count / 2]);
    }

    /// <summary>"load average 1.02 0.87 0.55" from /proc/loadavg, or "load average unknown" where there is none.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? "load average " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
            : "load average unknown";
}
