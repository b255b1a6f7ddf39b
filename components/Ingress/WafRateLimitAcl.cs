using Palisade.Components.Aws;
using Palisade.Components.Graph;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Ingress;

/// <summary>
/// A regional WAFv2 web ACL for the ALB compiled from the routes' edge limits (resource-types.md §3.9,
/// cloud-wiring.md §5.3): a rate-based rule per client IP counting over an explicit <c>evaluationWindowSec</c>
/// (rate × window requests, the shortest window whose budget pulumi-aws accepts), blocked with the declared status,
/// and a rule blocking a declared <c>Content-Length</c> above the body limit with 413. The ACL is attached through
/// the Ingress annotation, never with <c>aws:wafv2/webAclAssociation</c> (§3.10).
/// </summary>
internal static class WafRateLimitAcl
{
    /// <summary>pulumi-aws rejects rate limits below 100 (resource-types.md §3.9).</summary>
    public const long MinLimit = 100;
    public const long MaxLimit = 2_000_000_000;
    public const string RuleName = "per-ip-rate-limit";
    public const string BodyRuleName = "max-body-size";
    public const int BodyStatus = 413;

    /// <summary>The windows WAFv2 accepts, shortest first.</summary>
    public static IReadOnlyList<int> Windows { get; } = [60, 120, 300, 600];

    /// <summary>The shortest window in which the declared rate makes a limit pulumi-aws accepts.</summary>
    public static int WindowFor(int requestsPerSecond) => Windows.First(w => (long)requestsPerSecond * w >= MinLimit);

    public static Resource Create(ResourceGraph graph, Component parent, string name, EdgeLimits limits, Resource aws)
    {
        var window = WindowFor(limits.RequestsPerSecond);
        return graph.AddResource(parent, AwsTypes.WebAcl, "waf-acl", new MapBuilder
        {
            { "name", name },
            { "description", "Per-client-IP rate limit and body size in front of the ALB" },
            { "scope", "REGIONAL" },
            { "defaultAction", new MapBuilder { { "allow", MapValue.Empty } }.Build() },
            { "visibilityConfig", Visibility(name) },
            {
                "rules", ListValue.Of(
                    Rule(name, RuleName, 0, limits.LimitedStatus, new MapBuilder
                    {
                        {
                            "rateBasedStatement", new MapBuilder
                            {
                                { "limit", (long)limits.RequestsPerSecond * window },
                                { "aggregateKeyType", "IP" },
                                { "evaluationWindowSec", window },
                            }.Build()
                        },
                    }.Build()),
                    Rule(name, BodyRuleName, 1, BodyStatus, new MapBuilder
                    {
                        {
                            "regexMatchStatement", new MapBuilder
                            {
                                { "regexString", DecimalAbove.Pattern(limits.BodyBytes) },
                                { "fieldToMatch", new MapBuilder { { "singleHeader", new MapBuilder { { "name", "content-length" } }.Build() } }.Build() },
                                { "textTransformations", ListValue.Of(new MapBuilder { { "priority", 0 }, { "type", "NONE" } }.Build()) },
                            }.Build()
                        },
                    }.Build()))
            },
        }, new ResourceOptions { Provider = aws });
    }

    private static MapValue Rule(string acl, string rule, int priority, int status, MapValue statement) => new MapBuilder
    {
        { "name", rule },
        { "priority", priority },
        {
            "action", new MapBuilder
            {
                { "block", new MapBuilder { { "customResponse", new MapBuilder { { "responseCode", status } }.Build() } }.Build() },
            }.Build()
        },
        { "statement", statement },
        { "visibilityConfig", Visibility($"{acl}-{rule}") },
    };

    private static MapValue Visibility(string metricName) => new MapBuilder
    {
        { "cloudwatchMetricsEnabled", true },
        { "metricName", metricName },
        { "sampledRequestsEnabled", true },
    };
}
