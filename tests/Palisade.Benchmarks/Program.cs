using BenchmarkDotNet.Running;
using Palisade.Benchmarks;

// --quick: a fast table of median times and peak memory, then the large open clusters through the CLI;
// --large: only the large open clusters; --budgets: the engine's budgets with all three tiers (10,000 and 50,000 pods,
// the tiered oracle at the largest size it finishes); --engine: only the in-process table (no CLI child processes);
// --phases DIR [RUNS]: read, analyse and render times of `connectivity` on DIR, in process; --write-manifests DIR PODS
// [CLUSTER-POLICIES]: the synthetic cluster of that size as a folder of manifests (scripts/benchmark times
// `connectivity` on it); anything else goes to BenchmarkDotNet
// (e.g. dotnet run -c Release --project tests/Palisade.Benchmarks -- --filter '*').
if (args is ["--phases", var folder, ..])
{
    return ConnectivityPhases.Run(folder, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5, Console.Out);
}

if (args is ["--write-manifests", var directory, var pods, ..])
{
    var workloads = int.Parse(pods, System.Globalization.CultureInfo.InvariantCulture);
    var clusterPolicies = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 0;
    var namespaces = Math.Max(1, workloads / 10);
    Palisade.Tests.Connectivity.SyntheticManifests.Write(directory, clusterPolicies > 0
        ? Palisade.Tests.Connectivity.SyntheticClusterPolicies.Generate(workloads, namespaces, clusterPolicies)
        : Palisade.Tests.Connectivity.SyntheticClusters.Generate(workloads, namespaces));
    return 0;
}

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
