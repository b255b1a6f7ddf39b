using Palisade.Components.Aws;
using Palisade.Components.Graph;

namespace Palisade.Components.Ingress;

/// <summary>
/// A regional WAFv2 web ACL for the ALB with one rate-based rule per client IP (resource-types.md §3.9,
/// cloud-wiring.md §5.3): requests above the limit in a 5-minute window are blocked with 429. The ACL is attached
/// through the Ingress annotation, never with <c>aws:wafv2/webAclAssociation</c> (§3.10).
/// </summary>
public static class WafRateLimitAcl
{
    public const long MinLimit = 100;
    public const long MaxLimit = 2_000_000_000;
    public const string RuleName = "per-ip-rate-limit";

    public static Resource Create(ResourceGraph graph, Component parent, string name, long limit, Resource aws)
    {
        if (limit is < MinLimit or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"WAF rate limits are {MinLimit} to {MaxLimit}.");
        }

        return graph.AddResource(parent, AwsTypes.WebAcl, "waf-acl", new MapBuilder
        {
            { "name", name },
            { "description", "Per-client-IP rate limit in front of the ALB" },
            { "scope", "REGIONAL" },
            { "defaultAction", new MapBuilder { { "allow", MapValue.Empty } }.Build() },
            { "visibilityConfig", Visibility(name) },
            {
                "rules", ListValue.Of(new MapBuilder
                {
                    { "name", RuleName },
                    { "priority", 0 },
                    {
                        "action", new MapBuilder
                        {
                            { "block", new MapBuilder { { "customResponse", new MapBuilder { { "responseCode", 429 } }.Build() } }.Build() },
                        }.Build()
                    },
                    {
                        "statement", new MapBuilder
                        {
                            {
                                "rateBasedStatement", new MapBuilder
                                {
                                    { "limit", limit },
                                    { "aggregateKeyType", "IP" },
                                    { "evaluationWindowSec", 300 },
                                }.Build()
                            },
                        }.Build()
                    },
                    { "visibilityConfig", Visibility($"{name}-{RuleName}") },
                }.Build())
            },
        }, new ResourceOptions { Provider = aws });
    }

    private static MapValue Visibility(string metricName) => new MapBuilder
    {
        { "cloudwatchMetricsEnabled", true },
        { "metricName", metricName },
        { "sampledRequestsEnabled", true },
    };
}
