using System.Text.Json.Nodes;
using Palisade.Components.ZeroTrust;
using Palisade.Infra.Promotion;
using static Palisade.Tests.Promotion.PromotionFixtures;

namespace Palisade.Tests.Promotion;

public class EnvironmentIndependentPartTests
{
    private static string DigestOf(string yaml, string stack) => EnvironmentIndependentPart.Digest(EnvironmentIndependentPart.Build(Synthesize(yaml, stack)));

    [Fact]
    public void Region_sizes_domains_certificates_cidrs_protection_and_ingress_kind_do_not_count()
    {
        Assert.Equal(DigestOf(Dev, "dev"), DigestOf(Prod, "prod"));
    }

    [Fact]
    public void The_apps_and_the_versions_count()
    {
        var devDigest = DigestOf(Dev, "dev");

        Assert.NotEqual(devDigest, DigestOf(Dev.Replace("[voting, govtech]", "[voting]"), "dev"));
        Assert.NotEqual(devDigest, DigestOf(Dev.Replace("\"1.33\"", "\"1.34\""), "dev"));
    }

    [Fact]
    public void The_part_is_written_with_the_synthesized_files_and_is_deterministic()
    {
        var first = Synthesize(Dev, "dev").Files[EnvironmentIndependentPart.File];

        Assert.Equal(first, Synthesize(Dev, "dev").Files[EnvironmentIndependentPart.File]);
        Assert.Contains("\"frontend -> api TCP/8000\"", first);
        Assert.Contains("\"ingress-nginx\": \"4.15.1\"", first);
        Assert.DoesNotContain("example.com", first);
        Assert.DoesNotContain("10.20.0.0/16", first);
    }

    [Fact]
    public void The_environment_specific_part_holds_config_protection_and_platform_allowances()
    {
        var text = EnvironmentIndependentPart.Render(EnvironmentSpecificPart.Build(Synthesize(Prod, "prod").Stack));

        Assert.Contains("\"palisade:certificateArn\": \"arn:aws:acm:eu-west-1:111122223333:certificate/abc\"", text);
        Assert.Contains("\"govtech-ns\"", text);
        Assert.Contains("\"voting-frontend-from-load-balancer\"", text);
        Assert.DoesNotContain("\"default-deny\"", text);
    }

    [Fact]
    public void Secrets_in_the_environment_specific_part_are_masked()
    {
        var stack = Synthesize("config:\n  palisade:apps: [voting]\n  palisade:kubeconfig:\n    secure: AAABAJ1\n", "existing").Stack;
        var text = EnvironmentIndependentPart.Render(EnvironmentSpecificPart.Build(stack));

        Assert.Contains("\"palisade:kubeconfig\": \"[secret]\"", text);
        Assert.DoesNotContain("AAABAJ1", text);
    }

    [Fact]
    public void Each_policy_lands_in_the_part_its_role_names()
    {
        var stack = Synthesize(Prod, "prod").Stack;
        static IEnumerable<string> Names(JsonNode? policies) =>
            policies!.AsArray().Select(p => $"{p!["namespace"]}/{p["name"]}").Order(StringComparer.Ordinal);
        IEnumerable<string> Owned(Func<PolicyRole, bool> role) => stack.Policies.Where(p => role(p.Role))
            .Select(p => $"{p.Policy.Namespace}/{p.Policy.Name}").Order(StringComparer.Ordinal);

        Assert.Equal(Owned(r => r != PolicyRole.PlatformAllowance), Names(EnvironmentIndependentPart.Build(stack)["policies"]));
        Assert.Equal(Owned(r => r == PolicyRole.PlatformAllowance), Names(EnvironmentSpecificPart.Build(stack)["platformPolicies"]));
        Assert.NotEmpty(Owned(r => r == PolicyRole.PlatformAllowance));
    }
}
