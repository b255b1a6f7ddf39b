using Palisade.Components.Graph;

namespace Palisade.Components.Ingress;

/// <summary>The AWS Load Balancer Controller's IAM policy, statement for statement (cloud-wiring.md §5.1.3, v3.5.0).</summary>
internal static class AlbControllerPolicy
{
    private const string ClusterTag = "elbv2.k8s.aws/cluster";
    private static readonly string[] LoadBalancerArns =
    [
        "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*",
        "arn:aws:elasticloadbalancing:*:*:loadbalancer/net/*/*",
        "arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*",
    ];

    public static IReadOnlyList<Value> Statements() =>
    [
        S(["iam:CreateServiceLinkedRole"], ["*"], ("StringEquals", [("iam:AWSServiceName", "elasticloadbalancing.amazonaws.com")])),
        S(
        [
            "ec2:DescribeAccountAttributes", "ec2:DescribeAddresses", "ec2:DescribeAvailabilityZones", "ec2:DescribeInternetGateways",
            "ec2:DescribeVpcs", "ec2:DescribeVpcPeeringConnections", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
            "ec2:DescribeInstances", "ec2:DescribeNetworkInterfaces", "ec2:DescribeTags", "ec2:GetCoipPoolUsage",
            "ec2:DescribeCoipPools", "ec2:GetSecurityGroupsForVpc", "ec2:DescribeIpamPools", "ec2:DescribeRouteTables",
            "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes",
            "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeListenerCertificates",
            "elasticloadbalancing:DescribeSSLPolicies", "elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTargetGroups",
            "elasticloadbalancing:DescribeTargetGroupAttributes", "elasticloadbalancing:DescribeTargetHealth",
            "elasticloadbalancing:DescribeTags", "elasticloadbalancing:DescribeTrustStores",
            "elasticloadbalancing:DescribeListenerAttributes", "elasticloadbalancing:DescribeCapacityReservation",
        ], ["*"]),
        S(
        [
            "cognito-idp:DescribeUserPoolClient", "acm:ListCertificates", "acm:DescribeCertificate", "iam:ListServerCertificates",
            "iam:GetServerCertificate", "waf-regional:GetWebACL", "waf-regional:GetWebACLForResource", "waf-regional:AssociateWebACL",
            "waf-regional:DisassociateWebACL", "wafv2:GetWebACL", "wafv2:GetWebACLForResource", "wafv2:AssociateWebACL",
            "wafv2:DisassociateWebACL", "shield:GetSubscriptionState", "shield:DescribeProtection", "shield:CreateProtection",
            "shield:DeleteProtection",
        ], ["*"]),
        S(["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"], ["*"]),
        S(["ec2:CreateSecurityGroup"], ["*"]),
        S(["ec2:CreateTags"], ["arn:aws:ec2:*:*:security-group/*"],
            ("StringEquals", [("ec2:CreateAction", "CreateSecurityGroup")]),
            ("Null", [($"aws:RequestTag/{ClusterTag}", "false")])),
        S(["ec2:CreateTags", "ec2:DeleteTags"], ["arn:aws:ec2:*:*:security-group/*"],
            ("Null", [($"aws:RequestTag/{ClusterTag}", "true"), ($"aws:ResourceTag/{ClusterTag}", "false")])),
        S(["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup"], ["*"],
            ("Null", [($"aws:ResourceTag/{ClusterTag}", "false")])),
        S(["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"], ["*"],
            ("Null", [($"aws:RequestTag/{ClusterTag}", "false")])),
        S(
        [
            "elasticloadbalancing:CreateListener", "elasticloadbalancing:DeleteListener", "elasticloadbalancing:CreateRule",
            "elasticloadbalancing:DeleteRule",
        ], ["*"]),
        S(["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"], LoadBalancerArns,
            ("Null", [($"aws:RequestTag/{ClusterTag}", "true"), ($"aws:ResourceTag/{ClusterTag}", "false")])),
        S(["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
        [
            "arn:aws:elasticloadbalancing:*:*:listener/net/*/*/*", "arn:aws:elasticloadbalancing:*:*:listener/app/*/*/*",
            "arn:aws:elasticloadbalancing:*:*:listener-rule/net/*/*/*", "arn:aws:elasticloadbalancing:*:*:listener-rule/app/*/*/*",
        ]),
        S(
        [
            "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetIpAddressType",
            "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:SetSubnets", "elasticloadbalancing:DeleteLoadBalancer",
            "elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes",
            "elasticloadbalancing:DeleteTargetGroup", "elasticloadbalancing:ModifyListenerAttributes",
            "elasticloadbalancing:ModifyCapacityReservation", "elasticloadbalancing:ModifyIpPools",
        ], ["*"],
            ("Null", [($"aws:ResourceTag/{ClusterTag}", "false")])),
        SList(["elasticloadbalancing:AddTags"], LoadBalancerArns,
            ("StringEquals", "elasticloadbalancing:CreateAction", ListValue.Of("CreateTargetGroup", "CreateLoadBalancer")),
            ("Null", $"aws:RequestTag/{ClusterTag}", "false")),
        S(["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"], ["arn:aws:elasticloadbalancing:*:*:targetgroup/*/*"]),
        S(
        [
            "elasticloadbalancing:SetWebAcl", "elasticloadbalancing:ModifyListener", "elasticloadbalancing:AddListenerCertificates",
            "elasticloadbalancing:RemoveListenerCertificates", "elasticloadbalancing:ModifyRule", "elasticloadbalancing:SetRulePriorities",
        ], ["*"]),
    ];

    private static Value S(string[] actions, string[] resources, params (string Test, (string Key, string Value)[] Entries)[] conditions)
    {
        var condition = new MapBuilder();
        foreach (var (test, entries) in conditions)
        {
            condition.Add(test, MapValue.OfStrings(entries.Select(e => KeyValuePair.Create(e.Key, e.Value))));
        }

        return Statement(actions, resources, conditions.Length == 0 ? null : condition.Build());
    }

    private static Value SList(string[] actions, string[] resources, params (string Test, string Key, Value Value)[] conditions)
    {
        var condition = new MapBuilder();
        foreach (var (test, key, value) in conditions)
        {
            condition.Add(test, new MapBuilder { { key, value } }.Build());
        }

        return Statement(actions, resources, condition.Build());
    }

    private static Value Statement(string[] actions, string[] resources, MapValue? condition) => new MapBuilder
    {
        { "Effect", "Allow" },
        { "Action", actions.Length == 1 ? new StringValue(actions[0]) : ListValue.OfStrings(actions) },
        { "Resource", resources.Length == 1 ? new StringValue(resources[0]) : ListValue.OfStrings(resources) },
        { "Condition", condition },
    }.Build();
}
