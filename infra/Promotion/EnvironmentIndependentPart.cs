using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Palisade.Components.Ingress;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Infra.Emit;
using Palisade.Infra.Synthesis;
using Palisade.Stacks.Composition;
using Palisade.Stacks.Config;

namespace Palisade.Infra.Promotion;

/// <summary>
/// The part of a stack that must be identical in every environment it is promoted through: the apps (tiers, flows,
/// external egress, identities' permissions, ingress routes), the app NetworkPolicies, and the versions of everything
/// deployed (provider plugins, charts, Kubernetes). Region, sizes, domains, certificates, CIDRs, protection and
/// platform placement (ingress controller, load balancer, monitoring allowances) are environment-specific and left out.
/// </summary>
internal static class EnvironmentIndependentPart
{
    public const string File = "analysis/environment-independent.json";

    public static JsonObject Build(SynthesisResult result) => Build(result.Stack);

    public static JsonObject Build(SynthesizedStack stack) => Sorted(new JsonObject
    {
        ["apps"] = new JsonArray(stack.Apps.Select(a => (JsonNode)App(a.App)).ToArray()),
        ["policies"] = new JsonArray(stack.Policies
            .Where(p => p.Role != PolicyRole.PlatformAllowance)
            .Select(p => p.Policy)
            .OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => (JsonNode)Sorted(new JsonObject
            {
                ["name"] = p.Name,
                ["namespace"] = p.Namespace,
                ["spec"] = ResolvedValues.ToJson(KubernetesProperties.NetworkPolicySpec(p)),
            }))
            .ToArray()),
        ["versions"] = Sorted(new JsonObject
        {
            ["charts"] = Sorted(new JsonObject
            {
                ["aws-load-balancer-controller"] = AlbController.ChartVersion,
                ["ingress-nginx"] = NginxIngressController.ChartVersion,
                ["nginx-ingress"] = F5NginxIngressController.ChartVersion,
                ["traefik"] = TraefikController.ChartVersion,
            }),
            ["kubernetes"] = stack.Platform.KubernetesVersion,
            ["packages"] = Sorted(new JsonObject(PackageCatalog.Versions.Select(v => new KeyValuePair<string, JsonNode?>(v.Key, v.Value)))),
        }),
    });

    /// <summary>The JSON a reviewer reads (indented) and the digest is taken over.</summary>
    public static string Render(JsonObject part) =>
        part.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    /// <summary>SHA-256 over the compact canonical JSON (ordinal key order, no nulls, no HTML escaping).</summary>
    public static string Digest(JsonObject part) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            part.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))));

    private static JsonObject App(AppSpec app) => Sorted(new JsonObject
    {
        ["name"] = app.Name,
        ["tiers"] = new JsonArray(app.Tiers.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => (JsonNode)Tier(t)).ToArray()),
        ["flows"] = new JsonArray(app.Flows.Select(f => f.ToString()).Order(StringComparer.Ordinal).Select(f => (JsonNode)f).ToArray()),
        ["externalEgress"] = new JsonArray(app.ExternalEgress.Select(e => (JsonNode)Sorted(new JsonObject
        {
            ["from"] = e.From,
            ["cidr"] = e.Cidr,
            ["except"] = Strings(e.Except),
            ["ports"] = new JsonArray(e.Ports.Order().Select(p => (JsonNode)p).ToArray()),
            ["protocol"] = e.Protocol.ToString(),
        })).ToArray()),
        ["ingress"] = app.Ingress is null ? null : Sorted(new JsonObject
        {
            ["hostLabel"] = app.Ingress.HostLabel,
            ["routes"] = new JsonArray(app.Ingress.Routes.Select(r => (JsonNode)$"{r.Path} -> {r.Tier}").ToArray()),
            ["limits"] = Sorted(new JsonObject(app.Ingress.Routes.Select(r => KeyValuePair.Create<string, JsonNode?>(
                $"{r.Path} -> {r.Tier}", Limits(app.Ingress.LimitsOf(r)))))),
        }),
        ["invariants"] = Strings(app.Invariants.Select(i => i.ToString()).Order(StringComparer.Ordinal)),
    });

    private static JsonObject Limits(EdgeLimits limits) => Sorted(new JsonObject(Enum.GetValues<EdgeLimit>()
        .Select(l => KeyValuePair.Create<string, JsonNode?>(EdgeLimits.Key(l), limits.Show(l)))));

    private static JsonObject Tier(TierSpec tier) => Sorted(new JsonObject
    {
        ["name"] = tier.Name,
        ["namespace"] = tier.Namespace,
        ["serviceAccount"] = tier.ServiceAccountName,
        ["workloadKind"] = tier.WorkloadKind,
        ["image"] = tier.Image,
        ["stateful"] = tier.Stateful,
        ["ports"] = new JsonArray(tier.Ports.Select(p => (JsonNode)$"{p.Protocol}/{p.Port}{(p.Name is null ? string.Empty : " " + p.Name)}").ToArray()),
        ["exposedPort"] = tier.ExposedPort?.ToString(),
        ["healthPath"] = tier.HealthPath,
        ["monitoredPorts"] = tier.MonitoredPorts.Count == 0 ? null : Strings(tier.MonitoredPorts.Select(p => p.ToString())),
        ["identity"] = tier.Identity is null ? null : Sorted(new JsonObject
        {
            ["awsManagedPolicyArns"] = Strings(tier.Identity.AwsManagedPolicyArns),
            ["awsInlineStatements"] = new JsonArray(tier.Identity.AwsInlineStatements
                .Select(s => (JsonNode)Sorted(new JsonObject { ["actions"] = Strings(s.Actions), ["resources"] = Strings(s.Resources) }))
                .ToArray()),
            ["gcpRoles"] = Strings(tier.Identity.GcpRoles),
            ["secrets"] = Strings(tier.Identity.Secrets.Select(s => s.Prefix)),
        }),
    });

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    /// <summary>Keys in ordinal order, nulls dropped, so equal parts always serialize to equal bytes.</summary>
    private static JsonObject Sorted(JsonObject source)
    {
        var entries = source.Where(e => e.Value is not null).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        source.Clear();
        return new JsonObject(entries);
    }
}
