using BenchmarkDotNet.Running;
using Palisade.Benchmarks;

// --quick: a fast table of median times and peak memory; anything else goes to BenchmarkDotNet
// (e.g. dotnet run -c Release --project tests/Palisade.Benchmarks -- --filter '*').
if (args.Contains("--quick"))
{
    return QuickBenchmark.Run(Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(ConnectivityBenchmarks).Assembly).Run(args);
return 0;
