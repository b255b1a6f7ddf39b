using System.Net;
using Palisade.Components.Connectivity;
using Palisade.Components.Diagnostics;
using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Infra.Checks;
using Palisade.Infra.Synthesis;
using Palisade.Stacks.Composition;
using Palisade.Tests.Verification;

namespace Palisade.Tests.Cloud;

/// <summary>EKS Pod Identity as the stack's identity mechanism, and VPC interface endpoints admitted on 443.</summary>
public class AwsIdentityAndEndpointTests
{
    private static string Prod => File.ReadAllText(Path.Combine(Support.RepoPaths.Root, "Pulumi.prod.yaml"));

    private static string With(string extra) => Prod.Replace("  palisade:cloud: aws\n", "  palisade:cloud: aws\n" + extra, StringComparison.Ordinal);

    private static readonly Lazy<SynthesisResult> PodIdentity = new(() => StackFixtures.Synthesize(With("  palisade:awsIdentity: pod-identity\n"), "pi"));

    private static readonly IPAddress Agent = IPAddress.Parse("169.254.170.23");

    [Fact]
    public void Pod_identity_installs_the_agent_and_associates_a_role_trusted_by_eks_pods_with_exactly_the_tier_service_account()
    {
        var graph = PodIdentity.Value.Stack.Graph;
        var agent = graph.Resource("eks-pod-identity-agent");
        Assert.Equal("aws:eks/addon:Addon", agent.Type);
        Assert.Equal(new StringValue("eks-pod-identity-agent"), agent.Prop("addonName"));
        Assert.Contains(agent, graph.Resource("k8s").Options.DependsOn);

        var association = graph.Resource("govtech-backend-pod-identity-association");
        Assert.Equal("aws:eks/podIdentityAssociation:PodIdentityAssociation", association.Type);
        Assert.Equal(new StringValue("govtech"), association.Prop("namespace"));
        Assert.Equal(new StringValue("backend"), association.Prop("serviceAccount"));
        Assert.Equal("govtech-backend-pod-identity-role", Assert.IsType<OutputRef>(association.Prop("roleArn")).Resource.LogicalName);

        var trust = (MapValue)((FunctionCall)graph.Resource("govtech-backend-pod-identity-role").Prop("assumeRolePolicy")).Argument;
        var statement = trust.At("Statement.0");
        Assert.Equal(new StringValue("pods.eks.amazonaws.com"), statement.At("Principal.Service"));
        Assert.Equal(ListValue.Of("sts:AssumeRole", "sts:TagSession"), statement.At("Action"));
        Assert.NotNull(graph.Find("govtech-backend-pod-identity-inline"));
        Assert.Null(graph.Find("govtech-backend-irsa-role"));
        Assert.Null(((MapValue)graph.Resource("govtech-backend-sa").Prop("metadata"))["annotations"]);
    }

    [Fact]
    public void Irsa_stays_the_default_without_agent_or_association()
    {
        var graph = CloudStacks.Compose("prod").Graph;
        Assert.Null(graph.Find("eks-pod-identity-agent"));
        Assert.DoesNotContain(graph.Resources, r => r.Type == "aws:eks/podIdentityAssociation:PodIdentityAssociation");
        Assert.NotNull(graph.Find("govtech-backend-irsa-role"));
    }

    [Fact]
    public void On_pod_identity_only_identity_tiers_reach_the_agent_and_exactly_on_tcp_80()
    {
        var result = PodIdentity.Value;
        Assert.True(result.Passed, string.Join("\n", result.Checks.Where(c => !c.Passed).SelectMany(c => c.Findings)));
        Assert.Equal(ConnectionSet.For(Protocol.TCP, 80, 80), result.Connectivity.ToExternal("govtech/backend[Deployment]", Agent));
        foreach (var other in result.Declared.AppWorkloads.Where(w => w != "govtech/backend[Deployment]"))
        {
            Assert.True(result.Connectivity.ToExternal(other, Agent).IsEmpty, other);
        }

        var egress = result.Stack.Policies.Single(p => p.Policy.Name == "govtech-backend-egress").Policy;
        var rule = Assert.Single(egress.Egress!, r => r.Peers!.Any(p => p.IpBlock?.Cidr == "169.254.170.23/32"));
        Assert.Empty(rule.Peers!.Single().IpBlock!.Except);
        Assert.Equal([new NetworkPolicyPort(Protocol.TCP, 80)], rule.Ports);
    }

    [Fact]
    public void A_tier_without_identity_cannot_reach_the_agent_past_the_guardrail_and_the_check_fails_without_it()
    {
        var result = PodIdentity.Value;
        const string frontendToAgent = """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: frontend-credentials
              namespace: govtech
            spec:
              podSelector:
                matchLabels:
                  app.kubernetes.io/component: frontend
                  app.kubernetes.io/name: govtech
              policyTypes: [Egress]
              egress:
                - to:
                    - ipBlock:
                        cidr: 169.254.170.23/32
                  ports:
                    - protocol: TCP
                      port: 80

            """;
        var files = result.Files.ToDictionary(f => f.Key, f => f.Key == "manifests/govtech.yaml" ? f.Value + frontendToAgent : f.Value);
        var guarded = ConnectivityChecks.Run(Synthesizer.AnalyzeRendered(files, result.Stack.Platform.Cloud.Dataplane), result.Declared);
        Assert.Contains(guarded, c => c.Passed && c.Name.StartsWith("Instance metadata", StringComparison.Ordinal));

        // The cluster-tier guardrail is what keeps the agent closed: without it the namespaced rule opens it.
        files.Remove("manifests/cluster.yaml");
        var checks = ConnectivityChecks.Run(Synthesizer.AnalyzeRendered(files, result.Stack.Platform.Cloud.Dataplane), result.Declared);
        Assert.Contains(checks, c => !c.Passed && c.Name.StartsWith("Instance metadata", StringComparison.Ordinal));

        var irsa = TestApps.Synthesize(CloudStacks.Config("prod"));
        Assert.True(irsa.Connectivity.ToExternal("govtech/backend[Deployment]", Agent).IsEmpty);
    }

    [Fact]
    public void An_unknown_identity_mechanism_is_refused_naming_the_key()
    {
        var error = Assert.Throws<InputError>(() => TestApps.Compose(CloudStacks.Parse(With("  palisade:awsIdentity: kiam\n"))));
        Assert.Contains("palisade:awsIdentity", error.Message);
        Assert.Contains("pod-identity", error.Message);
    }

    [Fact]
    public void Vpc_endpoint_cidrs_are_admitted_on_443_for_identity_tiers_only()
    {
        var result = StackFixtures.Synthesize(With("  palisade:vpcEndpointCidrs:\n    - 10.20.250.0/26\n"), "endpoints");
        Assert.True(result.Passed, string.Join("\n", result.Checks.Where(c => !c.Passed).SelectMany(c => c.Findings)));
        var endpoint = IPAddress.Parse("10.20.250.10");
        Assert.Equal(ConnectionSet.For(Protocol.TCP, 443, 443), result.Connectivity.ToExternal("govtech/backend[Deployment]", endpoint));
        Assert.True(result.Connectivity.ToExternal("govtech/frontend[Deployment]", endpoint).IsEmpty);
        Assert.True(result.Connectivity.ToExternal("govtech/backend[Deployment]", IPAddress.Parse("10.20.251.10")).IsEmpty);

        var without = TestApps.Synthesize(CloudStacks.Config("prod"));
        Assert.True(without.Connectivity.ToExternal("govtech/backend[Deployment]", endpoint).IsEmpty);
    }

    [Theory]
    [InlineData("    - 10.30.0.0/24\n", "is not inside the VPC 10.20.0.0/16")]
    [InlineData("    - 10.20.0.0/16\n", "is not inside the VPC 10.20.0.0/16")]
    [InlineData("    - 10.20.250.0/24\n    - 10.20.250.0/26\n", "overlaps")]
    public void Vpc_endpoint_cidrs_must_lie_inside_the_vpc(string items, string expected)
    {
        var error = Assert.Throws<InputError>(() => TestApps.Compose(CloudStacks.Parse(With("  palisade:vpcEndpointCidrs:\n" + items))));
        Assert.Contains("palisade:vpcEndpointCidrs", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Vpc_endpoint_cidrs_need_the_vpc_cidr()
    {
        var dev = File.ReadAllText(Path.Combine(Support.RepoPaths.Root, "Pulumi.dev.yaml"))
            .Replace("  palisade:vpcCidr: 10.10.0.0/16\n", "", StringComparison.Ordinal)
            .Replace("  palisade:cloud: aws\n", "  palisade:cloud: aws\n  palisade:vpcEndpointCidrs:\n    - 10.0.250.0/26\n", StringComparison.Ordinal);
        var error = Assert.Throws<InputError>(() => TestApps.Compose(CloudStacks.Parse(dev)));
        Assert.Contains("palisade:vpcCidr is not set", error.Message);
    }
}
