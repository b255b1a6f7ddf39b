using Palisade.Infra.Synthesis;
using Palisade.Stacks.Config;

namespace Palisade.Tests.Promotion;

/// <summary>Two AWS stacks that differ only in environment-specific values, defined inline.</summary>
public static class PromotionFixtures
{
    public const string Dev = """
        config:
          aws:region: us-east-1
          palisade:apps: [voting, govtech]
          palisade:cloud: aws
          palisade:ingress: ingress-nginx
          palisade:clusterName: dev
          palisade:kubernetesVersion: "1.33"
          palisade:subnetIds: [subnet-1, subnet-2]
          palisade:apiAccessCidrs: [203.0.113.0/24]
          palisade:domain: dev.example.com
        """;

    public const string Prod = """
        config:
          aws:region: eu-west-1
          palisade:promoteFrom: dev
          palisade:apps: [voting, govtech]
          palisade:cloud: aws
          palisade:ingress: alb
          palisade:monitoringNamespace: monitoring
          palisade:clusterName: prod
          palisade:kubernetesVersion: "1.33"
          palisade:vpcId: vpc-0a1b2c3d
          palisade:vpcCidr: 10.20.0.0/16
          palisade:albSubnetIds: [subnet-0a1b2c3d4e5f62001, subnet-0a1b2c3d4e5f62002]
          palisade:albSubnetCidrs: [10.20.200.0/24, 10.20.201.0/24]
          palisade:subnetIds: [subnet-3, subnet-4]
          palisade:apiAccessCidrs: [198.51.100.0/24]
          palisade:nodeType: m6i.large
          palisade:deletionProtection: true
          palisade:domain: example.com
          palisade:certificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/abc
          palisade:unenforcedLimits: [burst, connections]
        """;

    public static SynthesisResult Synthesize(string yaml, string stack) =>
        TestApps.Synthesize(StackConfigParser.ParseFile(stack, $"Pulumi.{stack}.yaml", yaml));
}
