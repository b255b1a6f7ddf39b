using System.Diagnostics;

namespace Palisade.Benchmarks;

/// <summary>Median and minimum wall time of repeated runs after a collection, with the bytes each run allocates.</summary>
public static class Measurement
{
    /// <param name="warmUp">Run once first, unmeasured (JIT and first-call costs out of the figures).</param>
    public static (double MedianMs, double MinMs, long AllocatedPerRun) Measure(Func<object> analysis, int runs, bool warmUp = false)
    {
        if (warmUp)
        {
            GC.KeepAlive(analysis());
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var times = new List<double>();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(analysis());
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / runs;
        times.Sort();
        return (times[times.Count / 2], times[0], allocated);
    }
}
