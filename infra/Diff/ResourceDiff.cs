using Palisade.Infra.Secrets;
using YamlDotNet.RepresentationModel;

namespace Palisade.Infra.Diff;

/// <summary>What happens to one resource between the base and the head program.</summary>
internal enum ResourceAction
{
    Add,
    Update,
    Replace,
    Delete,
}

/// <summary>
/// One changed value: a dotted path and its old and new value, secrets masked. List items are named by their identity
/// where they have one (<c>containers[name=api]</c>, <c>Statement[Sid=ReadLogs]</c>), otherwise by their index on
/// the side that has them (<c>ingress[2]</c>).
/// </summary>
/// <remarks>A null value means the path does not exist on that side.</remarks>
internal sealed record PropertyChange(string Path, string? Old, string? New);

/// <summary>A resource that is added, deleted, updated in place or replaced, with what changed and why it is replaced.</summary>
internal sealed record ResourceChange(
    string Name,
    string Type,
    string? OldType,
    ResourceAction Action,
    IReadOnlyList<PropertyChange> Changes,
    IReadOnlyList<string> ReplaceReasons);

/// <summary>
/// Compares two Pulumi YAML programs (Main.yaml) resource by resource (by logical name), value by value. Lists are
/// compared by the identity of their items (<see cref="ListItems"/>), so an added rule, container or statement shows as
/// one added item and the others stay unchanged. Whether a change replaces the resource is
/// <see cref="ReplaceRules"/>'s to say.
/// </summary>
/// <remarks>
/// Secrets are never printed: a value that references a config key declared <c>secret: true</c> in either program's
/// <c>config:</c> section, and anything under a key whose name looks secret (<see cref="SecretNames.LooksSecret"/>) or
/// under a Kubernetes Secret's <c>data</c>/<c>stringData</c>, is shown as <c>[secret]</c>.
/// </remarks>
internal static class ResourceDiff
{
    public const string Masked = SecretNames.Mask;

    /// <summary>Type-specific properties whose change forces a replacement.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ReplaceProperties => ReplaceRules.ReplaceProperties;

    private static readonly string[] Sections = ["config", "variables", "outputs"];

    public static IReadOnlyList<ResourceChange> Compare(string? baseProgram, string? headProgram, string baseName = "base Main.yaml", string headName = "head Main.yaml") =>
        Compare(ProgramDocument.Parse(baseProgram, baseName), ProgramDocument.Parse(headProgram, headName));

    public static IReadOnlyList<ResourceChange> Compare(ProgramDocument before, ProgramDocument after)
    {
        var rendering = Rendering(before, after);
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
                Compare(old, @new, "", rendering, secretContext: false, newType, paths);
                if (paths.Count == 0)
                {
                    continue;
                }

                var reasons = ReplaceRules.Reasons(old!, @new!, oldType, newType);
                changes.Add(new ResourceChange(name, newType, oldType == newType ? null : oldType,
                    reasons.Count > 0 ? ResourceAction.Replace : ResourceAction.Update, paths, reasons));
            }
        }

        return changes;
    }

    /// <summary>The program's own sections that are not resources: <c>config</c> declarations, <c>variables</c> and <c>outputs</c>.</summary>
    public static IReadOnlyList<PropertyChange> CompareSettings(string? baseProgram, string? headProgram, string baseName = "base Main.yaml", string headName = "head Main.yaml") =>
        CompareSettings(ProgramDocument.Parse(baseProgram, baseName), ProgramDocument.Parse(headProgram, headName));

    public static IReadOnlyList<PropertyChange> CompareSettings(ProgramDocument before, ProgramDocument after)
    {
        var rendering = Rendering(before, after);
        var changes = new List<PropertyChange>();
        foreach (var section in Sections)
        {
            Compare(before.Section(section), after.Section(section), section, rendering, secretContext: false, "", changes);
        }

        return changes;
    }

    /// <summary>An unmasked, exact form of a node, used only to decide whether two values are equal (never printed).</summary>
    internal static string Canonical(YamlNode node) => ValueRendering.Compact(node, _ => false, maskSecretKeys: false);

    private static ValueRendering Rendering(ProgramDocument before, ProgramDocument after) =>
        new(before.SecretConfig.Union(after.SecretConfig).ToHashSet(StringComparer.Ordinal));

    private static string TypeOf(YamlNode resource) =>
        resource is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("type"), out var t) && t is YamlScalarNode s
            ? s.Value ?? ""
            : "";

    private static void Compare(YamlNode? old, YamlNode? @new, string path, ValueRendering rendering, bool secretContext, string type, List<PropertyChange> changes)
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
                var secretVariable = path == "variables" && rendering.IsSecretName(key);
                Compare(o, n, child, rendering, secretContext || secretVariable || IsSecretKey(key, child, type), type, changes);
            }

            return;
        }

        if (old is YamlSequenceNode oldList && @new is YamlSequenceNode newList)
        {
            foreach (var (o, n, label) in ListItems.Match(oldList.Children, newList.Children, Canonical))
            {
                Compare(o, n, $"{path}[{label}]", rendering, secretContext, type, changes);
            }

            return;
        }

        if (old is not null && @new is not null && Canonical(old) == Canonical(@new))
        {
            return;
        }

        changes.Add(new PropertyChange(path,
            old is null ? null : rendering.Render(old, secretContext),
            @new is null ? null : rendering.Render(@new, secretContext)));
    }

    private static bool IsSecretKey(string key, string path, string type) =>
        SecretNames.LooksSecret(key) ||
        (type == "kubernetes:core/v1:Secret" && path is "properties" or "properties.data" or "properties.stringData");

    private static string Join(string path, string key) =>
        path.Length == 0 ? key
        : key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? $"{path}.{key}"
        : $"{path}[\"{key.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"]";
}
