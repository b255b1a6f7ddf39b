using BenchmarkDotNet.Running;
using Palisade.Benchmarks;

// --quick: a fast table of median times and peak memory, then the large open clusters through the CLI;
// --large: only the large open clusters; --budgets: the engine's budgets with all three tiers (10,000 and 50,000 pods,
// the tiered oracle at the largest size it finishes); --engine: only the in-process table (no CLI child processes);
// anything else goes to BenchmarkDotNet
// (e.g. dotnet run -c Release --project tests/Palisade.Benchmarks -- --filter '*').
if (args.Contains("--large"))
{
    return await LargeClusterQuickBenchmark.Run(Console.Out);
}

if (args.Contains("--budgets"))
{
    return BudgetBenchmark.Run(Console.Out);
}

if (args.Contains("--engine"))
{
    return QuickBenchmark.Run(Console.Out);
}

if (args.Contains("--quick"))
{
    var code = QuickBenchmark.Run(Console.Out);
    Console.Out.WriteLine();
    return code != 0 ? code : await LargeClusterQuickBenchmark.Run(Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(ConnectivityBenchmarks).Assembly).Run(args);
return 0;
