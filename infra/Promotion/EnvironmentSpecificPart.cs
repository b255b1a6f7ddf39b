using Palisade.Infra.Secrets;
using System.Text.Json.Nodes;
using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Infra.Emit;
using Palisade.Stacks.Composition;
using Palisade.Stacks.Config;

namespace Palisade.Infra.Promotion;

/// <summary>
/// The other half of the split: what may differ between environments — the stack's config values (secrets masked),
/// the resources it protects from deletion, and the platform allowances (ingress controller, load balancer,
/// monitoring) whose peers depend on where the platform lives. Written for review; promotion does not compare it.
/// </summary>
internal static class EnvironmentSpecificPart
{
    public const string File = "analysis/environment-specific.json";

    public static JsonObject Build(SynthesizedStack stack) => new()
    {
        ["config"] = new JsonObject(stack.Config.Values
            .Where(v => !IsPromotionRecord(v.Key))
            .OrderBy(v => v.Key, StringComparer.Ordinal)
            .Select(v => new KeyValuePair<string, JsonNode?>(v.Key, SecretNames.LooksSecret(v.Key) ? SecretNames.Mask : ToJson(v.Value)))),
        ["platformPolicies"] = new JsonArray(stack.Policies
            .Where(p => p.Role == PolicyRole.PlatformAllowance)
            .Select(p => p.Policy)
            .OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Name,
                ["namespace"] = p.Namespace,
                ["spec"] = ResolvedValues.ToJson(KubernetesProperties.NetworkPolicySpec(p)),
            })
            .ToArray()),
        ["protectedResources"] = new JsonArray(stack.Graph.Resources
            .Where(r => r.Options.Protect)
            .Select(r => r.LogicalName)
            .Order(StringComparer.Ordinal)
            .Select(n => (JsonNode)n)
            .ToArray()),
    };

    /// <summary>The promotion record itself is written by `promote`, so it is not part of what the stack declares.</summary>
    private static bool IsPromotionRecord(string key) =>
        key == StackConfig.Qualified(ConfigSchema.PromotedDigest) || key == StackConfig.Qualified(ConfigSchema.PromotedRevision);

    private static JsonNode? ToJson(ConfigValue value) => value switch
    {
        ConfigSecret or ConfigScalar { Secret: true } => SecretNames.Mask,
        ConfigScalar s => s.Text,
        ConfigList l => new JsonArray(l.Items.Select(ToJson).ToArray()),
        ConfigMap m => new JsonObject(m.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new KeyValuePair<string, JsonNode?>(e.Key, SecretNames.LooksSecret(e.Key) ? SecretNames.Mask : ToJson(e.Value)))),
        _ => null,
    };
}
