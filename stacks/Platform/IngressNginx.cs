using System.Globalization;
using System.Text.RegularExpressions;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>ingress-nginx per-client-IP limits; defaults as in the GovTech seed.</summary>
public sealed record NginxLimits(int RequestsPerSecond, int Connections, string BodySize)
{
    public const int DefaultRequestsPerSecond = 100;
    public const int DefaultConnections = 20;
    public const string DefaultBodySize = "10m";
    public const int Max = 10_000;
}

/// <summary>
/// The ingress-nginx controller in <see cref="Namespace"/>: installed by the stack when it creates its cluster,
/// assumed installed on an existing cluster. Its pods carry the chart's labels.
/// </summary>
public sealed partial record IngressNginx(Configured Domain, string Namespace, bool Installs, NginxLimits Limits) : IngressTarget(Domain)
{
    public const string KindName = "nginx";
    public const string DefaultNamespace = "ingress-nginx";

    public static IngressKind Kind { get; } = new(KindName, _ => true, "ingress-nginx runs on every cloud.", Read);

    public override string Name => KindName;

    public override string ControllerWorkload => "ingress-nginx-controller";

    /// <summary>ingress-nginx validates every Ingress (chart default <c>admissionWebhooks.enabled</c>, <c>failurePolicy: Fail</c>, pod port 8443).</summary>
    public const int AdmissionWebhookPort = 8443;

    public override IReadOnlyList<int> AdmissionWebhookPorts => Installs ? [AdmissionWebhookPort] : [];

    public override PlatformPeer Controller => new(Namespace, Labels.Of(
        (WellKnownLabels.AppName, "ingress-nginx"), (WellKnownLabels.AppComponent, "controller")));

    [GeneratedRegex("^[0-9]{1,7}[km]$")]
    private static partial Regex BodySizePattern();

    private static IngressTarget Read(SettingsReader reader, CloudTarget cloud, Configured domain)
    {
        var ns = reader.Namespace(ConfigSchema.IngressNamespace) ?? DefaultNamespace;
        var rps = (int)reader.Integer(ConfigSchema.NginxRps, NginxLimits.DefaultRequestsPerSecond, 1, NginxLimits.Max, "requests per second per client IP");
        var connections = (int)reader.Integer(ConfigSchema.NginxConnections, NginxLimits.DefaultConnections, 1, NginxLimits.Max, "concurrent connections per client IP");
        var body = reader.String(ConfigSchema.NginxBodySize, NginxLimits.DefaultBodySize);
        if (!BodySizePattern().IsMatch(body) || Kilobytes(body) is < 1 or > 1024 * 1024)
        {
            throw reader.Error(ConfigSchema.NginxBodySize, $"'{SettingsReader.Excerpt(body)}' is not a body size from 1k to 1024m",
                "Write a number with k or m, e.g. 10m (0 would turn the limit off, which the platform does not allow).");
        }

        return new IngressNginx(domain, ns, cloud.CreatesCluster, new NginxLimits(rps, connections, body));
    }

    private static long Kilobytes(string size)
    {
        var number = long.Parse(size[..^1], CultureInfo.InvariantCulture);
        return size[^1] == 'm' ? number * 1024 : number;
    }
}
