using System.Net;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Infra.Checks;
using Palisade.Infra.Synthesis;

namespace Palisade.Tests.Verification;

/// <summary>GovTech on GKE, computed from the rendered manifests: Workload Identity and the resolver as the cluster serves them.</summary>
public class GkeIdentityAndDnsTests
{
    private static SynthesisResult Gke(string enforcement = "dataplane-v2", string dns = "") => StackFixtures.Synthesize($"""
        config:
          gcp:project: p-123456
          gcp:region: europe-west1
          palisade:apps: [govtech]
          palisade:cloud: gcp
          palisade:apiAccessCidrs: [203.0.113.0/24]
          palisade:masterCidr: 172.16.0.0/28
          palisade:gkeNetworkPolicy: {enforcement}
          palisade:domain: example.com
          palisade:unenforcedLimits: [connections]
        {dns}
        """);

    private const string Backend = "govtech/backend[Deployment]";
    private const string Frontend = "govtech/frontend[Deployment]";

    private static readonly IPAddress[] CredentialAddresses =
        [IPAddress.Parse("169.254.169.254"), IPAddress.Parse("169.254.169.252"), IPAddress.Parse("169.254.170.23")];

    [Theory]
    [InlineData("dataplane-v2", "169.254.169.254", 80)]
    [InlineData("calico", "169.254.169.252", 988)]
    public void Only_the_identity_tier_reaches_the_metadata_server_and_only_on_its_port(string enforcement, string address, int port)
    {
        var result = Gke(enforcement);

        Assert.True(result.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed).SelectMany(c => c.Findings)));
        Assert.Equal(ConnectionSet.For(Protocol.TCP, port, port), result.Connectivity.ToExternal(Backend, IPAddress.Parse(address)));
        Assert.All(CredentialAddresses.Where(a => a.ToString() != address), a => Assert.True(result.Connectivity.ToExternal(Backend, a).IsEmpty, $"{a}"));
        Assert.All(CredentialAddresses, a => Assert.True(result.Connectivity.ToExternal(Frontend, a).IsEmpty, $"frontend -> {a}"));
    }

    [Fact]
    public void A_hand_edited_rule_that_opens_the_metadata_server_to_another_tier_fails_the_check()
    {
        var result = Gke();
        const string debug = """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: debug-metadata
              namespace: govtech
            spec:
              podSelector:
                matchLabels:
                  app.kubernetes.io/component: frontend
              policyTypes:
                - Egress
              egress:
                - to:
                    - ipBlock:
                        cidr: 169.254.169.254/32

            """;
        var files = result.Files.ToDictionary(f => f.Key, f => f.Key == "manifests/govtech.yaml" ? f.Value + debug : f.Value);

        var checks = ConnectivityChecks.Run(Synthesizer.AnalyzeRendered(files), result.Declared);

        var metadata = checks.Single(c => c.Name.StartsWith("Instance metadata is unreachable", StringComparison.Ordinal));
        Assert.False(metadata.Passed);
        Assert.Contains(metadata.Findings, f => f.StartsWith($"{Frontend} can reach 169.254.169.254", StringComparison.Ordinal));
    }

    [Fact]
    public void With_cloud_dns_every_tier_resolves_through_the_metadata_address_on_53_only()
    {
        var result = Gke(dns: "  palisade:dns: cloud-dns");
        var dns = ConnectionSet.For(Protocol.UDP, 53, 53).Union(ConnectionSet.For(Protocol.TCP, 53, 53));

        Assert.True(result.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed).SelectMany(c => c.Findings)));
        Assert.Equal(dns, result.Connectivity.ToExternal(Frontend, IPAddress.Parse("169.254.169.254")));
        Assert.Equal(dns.Union(ConnectionSet.For(Protocol.TCP, 80, 80)), result.Connectivity.ToExternal(Backend, IPAddress.Parse("169.254.169.254")));
    }
}
