using Palisade.Infra.Secrets;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Palisade.Components.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Palisade.Infra.Diff;

/// <summary>What happens to one resource between the base and the head program.</summary>
public enum ResourceAction
{
    Add,
    Update,
    Replace,
    Delete,
}

/// <summary>One changed value: a dotted path (with [i] for list items) and its old and new value, secrets masked.</summary>
/// <remarks>A null value means the path does not exist on that side.</remarks>
public sealed record PropertyChange(string Path, string? Old, string? New);

/// <summary>A resource that is added, deleted, updated in place or replaced, with what changed and why it is replaced.</summary>
public sealed record ResourceChange(
    string Name,
    string Type,
    string? OldType,
    ResourceAction Action,
    IReadOnlyList<PropertyChange> Changes,
    IReadOnlyList<string> ReplaceReasons);

/// <summary>
/// Compares two Pulumi YAML programs (Main.yaml) resource by resource (by logical name).
/// </summary>
/// <remarks>
/// A change is a <b>replace</b> when one of these rules holds, otherwise an <b>update</b> in place (the list is kept
/// small and explicit; the real `pulumi preview --diff` has the final word):
/// <list type="number">
/// <item>the resource type changes;</item>
/// <item>a Kubernetes object's <c>metadata.name</c> or <c>metadata.namespace</c> changes (the object's identity);</item>
/// <item><c>options.provider</c> or <c>options.parent</c> changes (a new provider instance, or a new URN);</item>
/// <item>a property in <see cref="ReplaceProperties"/> changes for that type (cluster names and locations).</item>
/// </list>
/// Secrets are never printed: a value that references a config key declared <c>secret: true</c> in either program's
/// <c>config:</c> section, and anything under a key whose name looks secret (<see cref="SecretKeyName"/>) or under a
/// Kubernetes Secret's <c>data</c>/<c>stringData</c>, is shown as <c>[secret]</c>.
/// </remarks>
public static partial class ResourceDiff
{
    public const string Masked = SecretNames.Mask;

    /// <summary>Type-specific properties whose change forces a replacement (rule 4).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ReplaceProperties { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["aws:eks/cluster:Cluster"] = ["properties.name"],
            ["aws:iam/role:Role"] = ["properties.name"],
            ["aws:eks/nodeGroup:NodeGroup"] = ["properties.clusterName", "properties.nodeGroupName"],
            ["gcp:container/cluster:Cluster"] = ["properties.name", "properties.location"],
            ["gcp:container/nodePool:NodePool"] = ["properties.cluster", "properties.name", "properties.location"],
        };

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex Reference();

    public static IReadOnlyList<ResourceChange> Compare(string? baseProgram, string? headProgram, string baseName = "base Main.yaml", string headName = "head Main.yaml")
    {
        var before = Program.Parse(baseProgram, baseName);
        var after = Program.Parse(headProgram, headName);
        var masking = new Masking(before.SecretConfig.Union(after.SecretConfig).ToHashSet(StringComparer.Ordinal));

        var changes = new List<ResourceChange>();
        foreach (var name in before.Resources.Keys.Union(after.Resources.Keys).Order(StringComparer.Ordinal))
        {
            var had = before.Resources.TryGetValue(name, out var old);
            var has = after.Resources.TryGetValue(name, out var @new);
            if (!had)
            {
                changes.Add(new ResourceChange(name, TypeOf(@new!), null, ResourceAction.Add, [], []));
            }
            else if (!has)
            {
                changes.Add(new ResourceChange(name, TypeOf(old!), null, ResourceAction.Delete, [], []));
            }
            else
            {
                var oldType = TypeOf(old!);
                var newType = TypeOf(@new!);
                var paths = new List<PropertyChange>();
                Compare(old, @new, "", masking, secretContext: false, newType, paths);
                if (paths.Count == 0)
                {
                    continue;
                }

                var reasons = ReplaceReasons(old!, @new!, oldType, newType);
                changes.Add(new ResourceChange(name, newType, oldType == newType ? null : oldType,
                    reasons.Count > 0 ? ResourceAction.Replace : ResourceAction.Update, paths, reasons));
            }
        }

        return changes;
    }

    /// <summary>The program's own sections that are not resources: <c>config</c> declarations, <c>variables</c> and <c>outputs</c>.</summary>
    public static IReadOnlyList<PropertyChange> CompareSettings(string? baseProgram, string? headProgram, string baseName = "base Main.yaml", string headName = "head Main.yaml")
    {
        var before = Program.Parse(baseProgram, baseName);
        var after = Program.Parse(headProgram, headName);
        var masking = new Masking(before.SecretConfig.Union(after.SecretConfig).ToHashSet(StringComparer.Ordinal));
        var changes = new List<PropertyChange>();
        foreach (var section in Sections)
        {
            Compare(Section(before, section), Section(after, section), section, masking, secretContext: false, "", changes);
        }

        return changes;

        static YamlNode? Section(Program program, string name) =>
            program.Root is not null && program.Root.Children.TryGetValue(new YamlScalarNode(name), out var node) ? node : null;
    }

    private static readonly string[] Sections = ["config", "variables", "outputs"];

    private static List<string> ReplaceReasons(YamlNode old, YamlNode @new, string oldType, string newType)
    {
        var reasons = new List<string>();
        if (oldType != newType)
        {
            reasons.Add("type");
        }

        var kubernetes = newType.StartsWith("kubernetes:", StringComparison.Ordinal);
        var rules = (kubernetes ? new[] { "properties.metadata.name", "properties.metadata.namespace" } : [])
            .Concat(["options.provider", "options.parent"])
            .Concat(ReplaceProperties.GetValueOrDefault(newType) ?? []);
        foreach (var rule in rules)
        {
            var before = At(old, rule);
            var after = At(@new, rule);
            if ((before is null) != (after is null) || (before is not null && Canonical(before) != Canonical(after!)))
            {
                reasons.Add(rule);
            }
        }

        return reasons;
    }

    /// <summary>The node at a dotted path of mapping keys, or null.</summary>
    private static YamlNode? At(YamlNode node, string path)
    {
        foreach (var key in path.Split('.'))
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    private static string TypeOf(YamlNode resource) =>
        resource is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("type"), out var t) && t is YamlScalarNode s
            ? s.Value ?? ""
            : "";

    private static void Compare(YamlNode? old, YamlNode? @new, string path, Masking masking, bool secretContext, string type, List<PropertyChange> changes)
    {
        if (old is null && @new is null)
        {
            return;
        }

        // A resource's properties or options section that appears or disappears is compared key by key.
        if (path is "properties" or "options" or "config" or "variables" or "outputs")
        {
            old ??= @new is YamlMappingNode ? new YamlMappingNode() : null;
            @new ??= old is YamlMappingNode ? new YamlMappingNode() : null;
        }

        if (old is YamlMappingNode oldMap && @new is YamlMappingNode newMap)
        {
            var keys = oldMap.Children.Keys.Concat(newMap.Children.Keys).OfType<YamlScalarNode>()
                .Select(k => k.Value ?? "").Distinct().Order(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                oldMap.Children.TryGetValue(new YamlScalarNode(key), out var o);
                newMap.Children.TryGetValue(new YamlScalarNode(key), out var n);
                var child = Join(path, key);
                var secretVariable = path == "variables" && masking.IsSecretName(key);
                Compare(o, n, child, masking, secretContext || secretVariable || IsSecretKey(key, child, type), type, changes);
            }

            return;
        }

        if (old is YamlSequenceNode oldList && @new is YamlSequenceNode newList)
        {
            for (var i = 0; i < Math.Max(oldList.Children.Count, newList.Children.Count); i++)
            {
                Compare(i < oldList.Children.Count ? oldList.Children[i] : null,
                    i < newList.Children.Count ? newList.Children[i] : null,
                    $"{path}[{i}]", masking, secretContext, type, changes);
            }

            return;
        }

        var before = old is null ? null : masking.Render(old, secretContext);
        var after = @new is null ? null : masking.Render(@new, secretContext);
        if (old is not null && @new is not null && Canonical(old) == Canonical(@new))
        {
            return;
        }

        changes.Add(new PropertyChange(path, before, after));
    }

    private static bool IsSecretKey(string key, string path, string type) =>
        SecretNames.LooksSecret(key) ||
        (type == "kubernetes:core/v1:Secret" && path is "properties" or "properties.data" or "properties.stringData");

    private static string Join(string path, string key) =>
        path.Length == 0 ? key
        : key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? $"{path}.{key}"
        : $"{path}[\"{key.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"]";

    /// <summary>An unmasked, exact form of a node, used only to decide whether two values are equal (never printed).</summary>
    private static string Canonical(YamlNode node) => Masking.Compact(node, _ => false, maskSecretKeys: false);

    /// <summary>The resources (by logical name) and the secret config keys of one program.</summary>
    private sealed record Program(IReadOnlyDictionary<string, YamlNode> Resources, IReadOnlyList<string> SecretConfig, YamlMappingNode? Root = null)
    {
        public static Program Parse(string? text, string name)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return new Program(new Dictionary<string, YamlNode>(), []);
            }

            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException e)
            {
                throw new InputError(name, $"not a valid YAML program ({e.Message})", "Synthesize it again with the `synth` verb.");
            }

            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                return new Program(new Dictionary<string, YamlNode>(), []);
            }

            var resources = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            if (root.Children.TryGetValue(new YamlScalarNode("resources"), out var section) && section is YamlMappingNode map)
            {
                foreach (var (key, value) in map.Children)
                {
                    resources[((YamlScalarNode)key).Value ?? ""] = value;
                }
            }

            var secrets = new List<string>();
            if (root.Children.TryGetValue(new YamlScalarNode("config"), out var config) && config is YamlMappingNode configMap)
            {
                foreach (var (key, value) in configMap.Children)
                {
                    if (value is YamlMappingNode declaration &&
                        declaration.Children.TryGetValue(new YamlScalarNode("secret"), out var secret) &&
                        secret is YamlScalarNode { Value: "true" })
                    {
                        secrets.Add(((YamlScalarNode)key).Value ?? "");
                    }
                }
            }

            // A variable computed from a secret (directly or through other variables) is secret too.
            if (root.Children.TryGetValue(new YamlScalarNode("variables"), out var variables) && variables is YamlMappingNode variableMap)
            {
                var added = true;
                while (added)
                {
                    added = false;
                    foreach (var (key, value) in variableMap.Children)
                    {
                        var variable = ((YamlScalarNode)key).Value ?? "";
                        var definition = Masking.Compact(value, _ => false, maskSecretKeys: false);
                        if (!secrets.Contains(variable) &&
                            (definition.Contains("fn::secret", StringComparison.Ordinal) ||
                             Reference().Matches(definition).Any(m => secrets.Contains(m.Groups[1].Value.Split('.', '[')[0]))))
                        {
                            secrets.Add(variable);
                            added = true;
                        }
                    }
                }
            }

            return new Program(resources, secrets, root);
        }
    }

    /// <summary>Renders values for display, replacing anything secret with <see cref="Masked"/>.</summary>
    private sealed class Masking(IReadOnlySet<string> secretConfig)
    {
        public string Render(YamlNode node, bool secretContext)
        {
            if (secretContext && !(node is YamlScalarNode { Value: "true" or "false" }))
            {
                return Masked;
            }

            return Compact(node, IsSecretScalar, maskSecretKeys: true);
        }

        public bool IsSecretName(string configOrVariable) => secretConfig.Contains(configOrVariable);

        private bool IsSecretScalar(string value) =>
            Reference().Matches(value).Any(m => secretConfig.Contains(m.Groups[1].Value.Split('.', '[')[0]));

        /// <summary>A one-line, JSON-like rendering: scalars as written, mappings and lists in flow style.</summary>
        public static string Compact(YamlNode node, Func<string, bool> isSecret, bool maskSecretKeys)
        {
            var text = new StringBuilder();
            Write(node, text, isSecret, maskSecretKeys, maskAll: false);
            return text.ToString();
        }

        private static void Write(YamlNode node, StringBuilder text, Func<string, bool> isSecret, bool maskSecretKeys, bool maskAll)
        {
            switch (node)
            {
                case YamlScalarNode scalar:
                    var value = scalar.Value ?? "";
                    if (maskAll || isSecret(value))
                    {
                        text.Append(Masked);
                    }
                    else if (scalar.Style is ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted && NeedsQuotes(value))
                    {
                        text.Append('"').Append(value.Replace("\"", "\\\"")).Append('"');
                    }
                    else
                    {
                        text.Append(value);
                    }

                    break;
                case YamlSequenceNode list:
                    text.Append('[');
                    for (var i = 0; i < list.Children.Count; i++)
                    {
                        text.Append(i == 0 ? "" : ", ");
                        Write(list.Children[i], text, isSecret, maskSecretKeys, maskAll);
                    }

                    text.Append(']');
                    break;
                case YamlMappingNode map:
                    text.Append('{');
                    var first = true;
                    foreach (var (key, child) in map.Children.OrderBy(c => ((YamlScalarNode)c.Key).Value, StringComparer.Ordinal))
                    {
                        var name = ((YamlScalarNode)key).Value ?? "";
                        text.Append(first ? "" : ", ").Append(name).Append(": ");
                        first = false;
                        var secretKey = maskSecretKeys && SecretNames.LooksSecret(name) && !(child is YamlScalarNode { Value: "true" or "false" });
                        Write(child, text, isSecret, maskSecretKeys, maskAll || secretKey);
                    }

                    text.Append('}');
                    break;
            }
        }

        /// <summary>Quoted scalars that would read as another type unquoted (numbers, booleans, empty) keep their quotes.</summary>
        private static bool NeedsQuotes(string value) =>
            value.Length == 0 || value is "true" or "false" or "null" ||
            double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }
}
