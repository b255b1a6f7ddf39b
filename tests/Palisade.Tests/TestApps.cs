using Palisade.Infra.Cli;
using Palisade.Infra.Synthesis;
using Palisade.Stacks.Composition;
using Palisade.Stacks.Config;

namespace Palisade.Tests;

/// <summary>The example apps this repository's stacks deploy, wired in as the CLI program wires them.</summary>
internal static class TestApps
{
    public static AppCatalog Catalog => Palisade.Examples.ExampleApps.Catalog;

    public static SynthesisResult Synthesize(StackConfig config) => Synthesizer.Synthesize(config, Catalog);

    public static SynthesizedStack Compose(StackConfig config) => StackComposer.Compose(config, Catalog);

    public static CommandContext Context(string workingDirectory, Func<string, string?> environment, TextWriter output, TextWriter error) =>
        new CommandContext(workingDirectory, environment, output, error) { Apps = Catalog };
}
