using System.Globalization;
using Palisade.Components.Graph;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Ingress;

/// <summary>
/// The community ingress-nginx controller's annotations (cloud-wiring.md §5.2): per client address <c>limit-rps</c>
/// with the burst as <c>limit-burst-multiplier</c> (burst = rate × multiplier), <c>limit-connections</c> and
/// <c>proxy-body-size</c>; the limited status is the controller's <c>limit-req-status-code</c>/<c>limit-conn-status-code</c>.
/// </summary>
internal sealed record IngressNginxStyle(string Class) : IngressStyle(Class)
{
    /// <summary>ingress-nginx redirects HTTP to HTTPS (308) on an Ingress with TLS unless this says "false".</summary>
    public const string SslRedirect = "nginx.ingress.kubernetes.io/ssl-redirect";

    public override IReadOnlyDictionary<string, Value> TlsRedirect => new Dictionary<string, Value> { [SslRedirect] = "true" };

    public const string Prefix = "nginx.ingress.kubernetes.io/";

    public override IngressEdge Edge(IngressSite site)
    {
        var limits = site.Limits;
        var annotations = new SortedDictionary<string, Value>(StringComparer.Ordinal)
        {
            [$"{Prefix}limit-rps"] = Text(limits.RequestsPerSecond),
            [$"{Prefix}limit-burst-multiplier"] = Text(limits.Burst / limits.RequestsPerSecond),
            [$"{Prefix}limit-connections"] = Text(limits.Connections),
            [$"{Prefix}proxy-body-size"] = NginxSize(limits.BodyBytes),
        };
        return IngressEdge.Of(annotations);
    }

    /// <summary>An nginx size: m or k when exact, else bytes.</summary>
    public static string NginxSize(long bytes) => bytes % EdgeLimits.Mebibyte == 0
        ? $"{Text(bytes / EdgeLimits.Mebibyte)}m"
        : bytes % 1024 == 0 ? $"{Text(bytes / 1024)}k" : Text(bytes);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
