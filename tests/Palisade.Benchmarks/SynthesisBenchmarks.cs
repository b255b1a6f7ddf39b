using BenchmarkDotNet.Attributes;
using Palisade.Infra.Synthesis;
using Palisade.Stacks.Config;

namespace Palisade.Benchmarks;

/// <summary>Synthesis of the repository's own stacks (what `plan` does before printing), in process.</summary>
[MemoryDiagnoser]
public class SynthesisBenchmarks
{
    public static IReadOnlyList<string> Stacks { get; } = ["dev", "prod"];

    [ParamsSource(nameof(Stacks))]
    public string Stack { get; set; } = "dev";

    private StackConfig config = null!;

    [GlobalSetup]
    public void Setup() => config = Load(Stack);

    [Benchmark]
    public SynthesisResult Synthesize() => Synthesizer.Synthesize(config, Palisade.Examples.ExampleApps.Catalog);

    public static StackConfig Load(string stack)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Infra.sln")))
            {
                return new ProjectDirectory(dir.FullName).ReadStack(stack);
            }
        }

        throw new InvalidOperationException("Infra.sln not found above the benchmark binaries.");
    }
}
