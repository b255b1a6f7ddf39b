namespace Palisade.Benchmarks;

/// <summary>The cluster sizes measured: pods (workloads) across namespaces, two policies per namespace.</summary>
public static class BenchmarkSizes
{
    public static IReadOnlyList<(int Workloads, int Namespaces)> All { get; } = [(1_000, 100), (5_000, 500), (10_000, 1_000)];

    public static int NamespacesFor(int workloads) => All.Single(s => s.Workloads == workloads).Namespaces;
}
