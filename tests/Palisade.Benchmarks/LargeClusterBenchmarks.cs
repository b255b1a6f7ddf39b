using BenchmarkDotNet.Attributes;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Infra.Reports.Connectivity;
using Palisade.Tests.Reliability;

namespace Palisade.Benchmarks;

/// <summary>
/// Open clusters (no NetworkPolicy at all), in process: the 5,000-workload JSON report (25 million pairs) streamed to
/// a null stream, and the 20,000-workload text summary. The quick mode runs the same through the built CLI as a process.
/// </summary>
[MemoryDiagnoser]
public class LargeClusterBenchmarks
{
    private ClusterModel json = null!;
    private ClusterModel text = null!;

    [GlobalSetup]
    public void Setup()
    {
        json = LargeClusterManifests.Model(LargeClusterSizes.JsonWorkloads, LargeClusterSizes.JsonNamespaces);
        text = LargeClusterManifests.Model(LargeClusterSizes.TextWorkloads, LargeClusterSizes.TextNamespaces);
    }

    [Benchmark]
    public long StreamJsonOf5000OpenWorkloads()
    {
        using var sink = new CountingStream();
        ConnectivityJsonRenderer.Write(ConnectivityAnalyzer.Analyze(json), sink);
        return sink.Length;
    }

    [Benchmark]
    public int SummariseTextOf20000OpenWorkloads() =>
        ConnectivityReports.Render(ConnectivityAnalyzer.Analyze(text), ConnectivityReports.Text).Length;
}

/// <summary>The sizes the issue names: 5,000 workloads for the JSON stream, 20,000 for the summarised reports.</summary>
public static class LargeClusterSizes
{
    public const int JsonWorkloads = 5_000;
    public const int JsonNamespaces = 50;
    public const int TextWorkloads = 20_000;
    public const int TextNamespaces = 200;
}

/// <summary>A write-only stream that keeps only how many bytes went through it.</summary>
public sealed class CountingStream : Stream
{
    private long length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => length;

    public override long Position { get => length; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => length += count;

    public override void Write(ReadOnlySpan<byte> buffer) => length += buffer.Length;
}
