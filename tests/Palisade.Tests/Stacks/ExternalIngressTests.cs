using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Platform;
using Palisade.Tests.Cloud;
using Palisade.Tests.Verification;

namespace Palisade.Tests.Stacks;

/// <summary>A controller the platform team runs (BunkerWeb in ingress-system), named by namespace, pod labels and class.</summary>
public class ExternalIngressTests
{
    private const string Stack = "config:\n  palisade:apps: [govtech]\n  palisade:kubeContext: c\n  palisade:ingress: external\n" +
                                 "  palisade:ingressNamespace: ingress-system\n  palisade:ingressPodLabels:\n    app: bunkerweb\n" +
                                 "  palisade:ingressClassName: bunkerweb\n  palisade:domain: example.com\n" +
                                 "  palisade:unenforcedLimits: [requestsPerSecond, burst, connections, bodyBytes, limitedStatus]\n";

    [Fact]
    public void The_declared_controller_pods_are_the_peer_and_nothing_is_installed()
    {
        var ingress = Assert.IsType<ExternalIngress>(StackPlatform.Read(CloudStacks.Parse("config:\n  palisade:apps: [voting]\n  palisade:kubeContext: c\n" + Stack[Stack.IndexOf("  palisade:ingress:", StringComparison.Ordinal)..])).Ingress);

        Assert.Equal(new PlatformPeer("ingress-system", Labels.Of(("app", "bunkerweb"))).ToPeer(), ingress.Controller.ToPeer());
        Assert.Equal("bunkerweb", ingress.ClassName);
    }

    [Fact]
    public void Verification_checks_the_controller_the_stack_really_runs()
    {
        var result = StackFixtures.Synthesize(Stack.Replace("[govtech]", "[voting]", StringComparison.Ordinal));

        Assert.True(result.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed).SelectMany(c => c.Findings)));
        var controller = "ingress-system/bunkerweb-controller[Deployment]";
        Assert.Equal(Palisade.Components.Connectivity.ConnectionSet.For(Protocol.TCP, 80, 80), result.Connectivity.Between(controller, "voting-frontend/frontend[Deployment]"));
        Assert.True(result.Connectivity.Between(controller, "voting-api/api[Deployment]").IsEmpty);
        Assert.Contains("ingressClassName: bunkerweb", result.Files["manifests/voting-frontend.yaml"]);
        Assert.DoesNotContain(result.Stack.Graph.Resources, r => r.Type.Contains("ingress-nginx", StringComparison.Ordinal) || r.Type.Contains("helm", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("podSelector:\n            matchLabels:\n              app: bunkerweb", result.Files["manifests/voting-frontend.yaml"]);
    }

    [Theory]
    [InlineData("  palisade:ingressClassName: bunkerweb\n", "", "palisade:ingressClassName")]
    [InlineData("  palisade:ingressPodLabels:\n    app: bunkerweb\n", "", "palisade:ingressPodLabels")]
    [InlineData("    app: bunkerweb\n", "    app: bunker web\n", "palisade:ingressPodLabels")]
    [InlineData("  palisade:kubeContext: c\n", "  palisade:cloud: aws\n  aws:region: us-east-1\n  palisade:subnetIds: [a, b]\n  palisade:apiAccessCidrs: [203.0.113.0/24]\n", "palisade:ingress")]
    public void A_missing_or_bad_declaration_names_the_key(string line, string replacement, string key)
    {
        var error = Assert.Throws<InputError>(() => StackPlatform.Read(CloudStacks.Parse(Stack.Replace("[govtech]", "[voting]", StringComparison.Ordinal).Replace(line, replacement, StringComparison.Ordinal))));

        Assert.Equal($"Pulumi.t.yaml: {key}", error.Location);
    }
}
