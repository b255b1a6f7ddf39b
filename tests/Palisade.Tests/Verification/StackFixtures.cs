using Palisade.Infra.Synthesis;
using Palisade.Stacks.Config;

namespace Palisade.Tests.Verification;

/// <summary>Stacks defined inline, so these tests do not follow changes to the repository's stack files.</summary>
public static class StackFixtures
{
    public static SynthesisResult Synthesize(string yaml, string stack = "fixture") =>
        TestApps.Synthesize(StackConfigParser.ParseFile(stack, $"Pulumi.{stack}.yaml", yaml));

    public static SynthesisResult Voting() => Synthesize("""
        config:
          palisade:apps:
            - voting
          palisade:kubeContext: test
          palisade:ingress: ingress-nginx
          palisade:unenforcedLimits: [limitedStatus]
          palisade:domain: example.com
        """);
}
