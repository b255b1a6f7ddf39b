using System.Globalization;
using System.Text.RegularExpressions;
using Palisade.Components.Ingress;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Platform;
using YamlDotNet.RepresentationModel;

namespace Palisade.Infra.Checks.Edge;

/// <summary>What the controller's own configuration enforces for one limit: the value (null when absent) and where it was read.</summary>
internal sealed record EnforcedLimit(long? Value, string Where);

/// <summary>Reads back, from the rendered Ingress and program, what one controller kind enforces on a route.</summary>
internal interface IEdgeReader
{
    IReadOnlyDictionary<EdgeLimit, EnforcedLimit> Read(RenderedIngress ingress, RenderedEdge edge, EdgeLimits declared);
}

/// <summary>The reader for each ingress kind that enforces limits; an external controller is read as the kind it names.</summary>
internal static class EdgeReaders
{
    private static readonly Dictionary<string, IEdgeReader> Readers = new(StringComparer.Ordinal)
    {
        [NginxIngress.KindName] = new NginxOrgReader(),
        [IngressNginx.KindName] = new IngressNginxReader(),
        [AlbIngress.KindName] = new WafReader(),
        [TraefikIngress.KindName] = new TraefikReader(),
    };

    public static IEdgeReader? For(IngressTarget ingress) =>
        Readers.GetValueOrDefault(ingress is ExternalIngress external ? external.ControllerKind?.Name ?? string.Empty : ingress.Name);

    /// <summary>An nginx size (bytes, or with k, m or g), or null.</summary>
    public static long? NginxSize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var unit = char.ToLowerInvariant(text[^1]) switch { 'k' => 1024L, 'm' => 1024L * 1024, 'g' => 1024L * 1024 * 1024, _ => 1L };
        var digits = unit == 1 ? text : text[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= long.MaxValue / unit ? n * unit : null;
    }

    public static long? Number(string? text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>The F5 NGINX Ingress Controller: <c>nginx.org/</c> annotations on the Ingress.</summary>
internal sealed class NginxOrgReader : IEdgeReader
{
    public IReadOnlyDictionary<EdgeLimit, EnforcedLimit> Read(RenderedIngress ingress, RenderedEdge edge, EdgeLimits declared)
    {
        string? A(string key) => ingress.Annotations.GetValueOrDefault(NginxOrgStyle.Prefix + key);
        var rate = A("limit-req-rate");
        var key = A("limit-req-key");
        long? rps = rate is not null && rate.EndsWith("r/s", StringComparison.Ordinal) ? EdgeReaders.Number(rate[..^3]) : null;
        var perClient = key == NginxOrgStyle.ClientKey;
        return new Dictionary<EdgeLimit, EnforcedLimit>
        {
            [EdgeLimit.RequestsPerSecond] = new(perClient ? rps : null, perClient
                ? $"{NginxOrgStyle.Prefix}limit-req-rate '{rate}'"
                : $"{NginxOrgStyle.Prefix}limit-req-key '{key}' (not the client address {NginxOrgStyle.ClientKey})"),
            [EdgeLimit.Burst] = new(rps is null ? null : EdgeReaders.Number(A("limit-req-burst")), $"{NginxOrgStyle.Prefix}limit-req-burst '{A("limit-req-burst")}'"),
            [EdgeLimit.BodySize] = new(EdgeReaders.NginxSize(A("client-max-body-size") ?? "1m"), $"{NginxOrgStyle.Prefix}client-max-body-size '{A("client-max-body-size") ?? "1m (default)"}'"),
            [EdgeLimit.LimitedStatus] = new(rps is null ? null : EdgeReaders.Number(A("limit-req-reject-code") ?? "503"), $"{NginxOrgStyle.Prefix}limit-req-reject-code '{A("limit-req-reject-code") ?? "503 (default)"}'"),
        };
    }
}

/// <summary>The community ingress-nginx: its annotations, and the limited status in the controller's config in the program.</summary>
internal sealed class IngressNginxReader : IEdgeReader
{
    public IReadOnlyDictionary<EdgeLimit, EnforcedLimit> Read(RenderedIngress ingress, RenderedEdge edge, EdgeLimits declared)
    {
        string? A(string key) => ingress.Annotations.GetValueOrDefault(IngressNginxStyle.Prefix + key);
        var rps = EdgeReaders.Number(A("limit-rps"));
        var multiplier = EdgeReaders.Number(A("limit-burst-multiplier") ?? "5");
        var controller = edge.Resources.Values.FirstOrDefault(r => r.Type == NginxIngressController.Type);
        var requestStatus = RenderedEdge.Text(controller?.Properties, "controller.config.limit-req-status-code");
        var connectionStatus = RenderedEdge.Text(controller?.Properties, "controller.config.limit-conn-status-code");
        return new Dictionary<EdgeLimit, EnforcedLimit>
        {
            [EdgeLimit.RequestsPerSecond] = new(rps, $"{IngressNginxStyle.Prefix}limit-rps '{A("limit-rps")}'"),
            [EdgeLimit.Burst] = new(rps * multiplier, $"limit-rps × {IngressNginxStyle.Prefix}limit-burst-multiplier '{A("limit-burst-multiplier") ?? "5 (default)"}'"),
            [EdgeLimit.Connections] = new(EdgeReaders.Number(A("limit-connections")), $"{IngressNginxStyle.Prefix}limit-connections '{A("limit-connections")}'"),
            [EdgeLimit.BodySize] = new(EdgeReaders.NginxSize(A("proxy-body-size") ?? "1m"), $"{IngressNginxStyle.Prefix}proxy-body-size '{A("proxy-body-size") ?? "1m (default)"}'"),
            [EdgeLimit.LimitedStatus] = new(requestStatus == connectionStatus ? EdgeReaders.Number(requestStatus) : null,
                controller is null ? "no ingress-nginx controller in the program" : $"controller config limit-req-status-code '{requestStatus}', limit-conn-status-code '{connectionStatus}'"),
        };
    }
}

/// <summary>
/// The ALB's web ACL, found through the <c>wafv2AclArn</c> of the IngressClassParams the Ingress's class pins: the rate-based rule
/// per client IP over its explicit window, and the rule that blocks a <c>Content-Length</c> above the body limit.
/// </summary>
internal sealed class WafReader : IEdgeReader
{
    public IReadOnlyDictionary<EdgeLimit, EnforcedLimit> Read(RenderedIngress ingress, RenderedEdge edge, EdgeLimits declared)
    {
        var pinned = RenderedEdge.Text(edge.ClassParams.GetValueOrDefault(ingress.ClassName ?? string.Empty), "wafv2AclArn");
        var acl = edge.Referenced(pinned);
        if (acl is null || acl.Type != Components.Aws.AwsTypes.WebAcl)
        {
            var missing = new EnforcedLimit(null, $"IngressClassParams {ingress.ClassName} wafv2AclArn '{pinned}' names no web ACL of the program");
            return Enum.GetValues<EdgeLimit>().ToDictionary(l => l, _ => missing);
        }

        var rules = (RenderedEdge.Child<YamlSequenceNode>(acl.Properties, "rules")?.Children ?? []).OfType<YamlMappingNode>().ToList();
        var result = new Dictionary<EdgeLimit, EnforcedLimit>();
        var rate = rules.FirstOrDefault(r => RenderedEdge.At(r, "statement.rateBasedStatement") is not null && Blocks(r));
        if (rate is null)
        {
            result[EdgeLimit.RequestsPerSecond] = new(null, $"web ACL {acl.Name} has no blocking rate-based rule");
        }
        else
        {
            var key = RenderedEdge.Text(rate, "statement.rateBasedStatement.aggregateKeyType");
            var limit = EdgeReaders.Number(RenderedEdge.Text(rate, "statement.rateBasedStatement.limit"));
            var window = EdgeReaders.Number(RenderedEdge.Text(rate, "statement.rateBasedStatement.evaluationWindowSec"));
            var where = $"web ACL {acl.Name} rule {RenderedEdge.Text(rate, "name")}: limit {limit} per evaluationWindowSec {window?.ToString(CultureInfo.InvariantCulture) ?? "(not explicit)"}, aggregateKeyType {key}";
            result[EdgeLimit.RequestsPerSecond] = new(key == "IP" && window is > 0 && limit % window == 0 ? limit / window : null, where);
            result[EdgeLimit.LimitedStatus] = new(EdgeReaders.Number(RenderedEdge.Text(rate, "action.block.customResponse.responseCode") ?? "403"), where);
        }

        var body = rules.FirstOrDefault(r => RenderedEdge.Text(r, "statement.regexMatchStatement.fieldToMatch.singleHeader.name") == "content-length" && Blocks(r));
        var pattern = RenderedEdge.Text(body, "statement.regexMatchStatement.regexString")?.Replace("$$", "$", StringComparison.Ordinal);
        result[EdgeLimit.BodySize] = new(pattern is not null && BlocksExactlyAbove(pattern, declared.BodyBytes) ? declared.BodyBytes : null,
            body is null ? $"web ACL {acl.Name} has no blocking Content-Length rule" : $"web ACL {acl.Name} rule {RenderedEdge.Text(body, "name")} pattern '{pattern}'");
        return result;
    }

    private static bool Blocks(YamlMappingNode rule) => RenderedEdge.At(rule, "action.block") is not null;

    /// <summary>Whether the rule's pattern refuses a Content-Length just above the bound and admits the bound and below.</summary>
    private static bool BlocksExactlyAbove(string pattern, long bound)
    {
        try
        {
            var regex = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            bool M(long n) => regex.IsMatch(n.ToString(CultureInfo.InvariantCulture));
            return !M(bound) && M(bound + 1) && !M(bound / 2) && !M(0) && M(bound * 2) && M(bound * 1000);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>
/// Traefik: the Middlewares the Ingress's <c>router.middlewares</c> annotation names, as rendered — a <c>rateLimit</c>
/// and an <c>inFlightReq</c> grouped by client address (<c>sourceCriterion.ipStrategy</c>), and <c>buffering</c>.
/// Traefik answers a limited request with 429.
/// </summary>
internal sealed class TraefikReader : IEdgeReader
{
    private const int TooManyRequests = 429;

    public IReadOnlyDictionary<EdgeLimit, EnforcedLimit> Read(RenderedIngress ingress, RenderedEdge edge, EdgeLimits declared)
    {
        var annotation = ingress.Annotations.GetValueOrDefault(TraefikIngressStyle.Prefix + "router.middlewares") ?? string.Empty;
        var attached = annotation.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(m => m.EndsWith("@kubernetescrd", StringComparison.Ordinal))
            .Select(m => edge.Middlewares.GetValueOrDefault(m[..^"@kubernetescrd".Length]))
            .OfType<YamlMappingNode>().ToList();
        var where = $"{TraefikIngressStyle.Prefix}router.middlewares '{annotation}'";
        var rate = attached.Select(m => RenderedEdge.At(m, "rateLimit")).FirstOrDefault(r => r is not null && PerClient(r));
        var inFlight = attached.Select(m => RenderedEdge.At(m, "inFlightReq")).FirstOrDefault(r => r is not null && PerClient(r));
        var body = attached.Select(m => RenderedEdge.Text(m, "buffering.maxRequestBodyBytes")).FirstOrDefault(b => b is not null);
        long? rps = rate is not null && RenderedEdge.Text(rate, "period") is "1s" or null ? EdgeReaders.Number(RenderedEdge.Text(rate, "average")) : null;
        return new Dictionary<EdgeLimit, EnforcedLimit>
        {
            [EdgeLimit.RequestsPerSecond] = new(rps, rate is null ? $"{where}: no rateLimit by client address" : $"{where}: rateLimit average {RenderedEdge.Text(rate, "average")} per {RenderedEdge.Text(rate, "period") ?? "1s"}"),
            [EdgeLimit.Burst] = new(rate is null ? null : EdgeReaders.Number(RenderedEdge.Text(rate, "burst") ?? "1"), $"{where}: rateLimit burst"),
            [EdgeLimit.Connections] = new(inFlight is null ? null : EdgeReaders.Number(RenderedEdge.Text(inFlight, "amount")),
                inFlight is null ? $"{where}: no inFlightReq by client address" : $"{where}: inFlightReq amount {RenderedEdge.Text(inFlight, "amount")}"),
            [EdgeLimit.BodySize] = new(EdgeReaders.Number(body), body is null ? $"{where}: no buffering.maxRequestBodyBytes" : $"{where}: buffering.maxRequestBodyBytes {body}"),
            [EdgeLimit.LimitedStatus] = new(rate is null && inFlight is null ? null : TooManyRequests, $"{where}: Traefik answers 429"),
        };
    }

    /// <summary>Grouped by the client's address: an <c>ipStrategy</c> without depth or excluded IPs is the remote address.</summary>
    private static bool PerClient(YamlNode limit) =>
        RenderedEdge.At(limit, "sourceCriterion.ipStrategy") is YamlMappingNode strategy &&
        !strategy.Children.ContainsKey(new YamlScalarNode("depth")) && !strategy.Children.ContainsKey(new YamlScalarNode("excludedIPs"));
}
