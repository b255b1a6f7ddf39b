using System.Globalization;
using Palisade.Components.Graph;

namespace Palisade.Components.Ingress;

/// <summary>
/// The F5 NGINX Ingress Controller's annotations (prefix <c>nginx.org/</c>): <c>limit-req-rate</c> per
/// <c>limit-req-key</c> <c>${binary_remote_addr}</c> (the client address), <c>limit-req-burst</c> served without
/// delay (<c>limit-req-no-delay</c>) and refused beyond it with <c>limit-req-reject-code</c>, and
/// <c>client-max-body-size</c>. It has no per-client connection limit (<c>nginx.org/max-conns</c> caps connections
/// to each upstream pod, from all clients together), so connections are not compiled.
/// </summary>
internal sealed record NginxOrgStyle(string Class) : IngressStyle(Class)
{
    public const string Prefix = "nginx.org/";
    public const string ClientKey = "${binary_remote_addr}";

    public override IngressEdge Edge(IngressSite site)
    {
        var limits = site.Limits;
        return IngressEdge.Of(new SortedDictionary<string, Value>(StringComparer.Ordinal)
        {
            [$"{Prefix}limit-req-rate"] = $"{Text(limits.RequestsPerSecond)}r/s",
            [$"{Prefix}limit-req-key"] = new StringValue(ClientKey),
            [$"{Prefix}limit-req-burst"] = Text(limits.Burst),
            [$"{Prefix}limit-req-no-delay"] = "true",
            [$"{Prefix}limit-req-reject-code"] = Text(limits.LimitedStatus),
            [$"{Prefix}client-max-body-size"] = IngressNginxStyle.NginxSize(limits.BodyBytes),
        });
    }

    /// <summary>The controller's unconditional 301 for an Ingress with TLS (default True; nginx/documentation, "ssl-redirect").</summary>
    public const string SslRedirect = "ingress.kubernetes.io/ssl-redirect";

    public override IReadOnlyDictionary<string, Value> TlsRedirect => new Dictionary<string, Value> { [SslRedirect] = "True" };

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
