using System.Globalization;
using System.Net;
using Palisade.Components.Diagnostics;

namespace Palisade.Stacks.Config;

/// <summary>
/// A stack's config, validated against <see cref="ConfigSchema"/>, with typed accessors that name the file and key
/// in every error.
/// </summary>
public sealed class StackConfig
{
    private readonly IReadOnlyDictionary<string, ConfigValue> _values;

    internal StackConfig(string stack, string source, IReadOnlyDictionary<string, ConfigValue> values)
    {
        Stack = stack;
        Source = source;
        _values = values;
        Validate();
    }

    public string Stack { get; }

    /// <summary>The Pulumi project the stack belongs to (Pulumi.yaml's <c>name</c>), which the program carries.</summary>
    public string Project { get; private init; } = ConfigSchema.Project;

    /// <summary>Where the values came from, e.g. "Pulumi.dev.yaml" or "PULUMI_CONFIG".</summary>
    public string Source { get; }

    /// <summary>The same config, of the Pulumi project named <paramref name="project"/>.</summary>
    internal StackConfig InProject(string project) => new(Stack, Source, _values) { Project = project };

    /// <summary>All keys, namespaced ("palisade:apps", "aws:region").</summary>
    internal IReadOnlyDictionary<string, ConfigValue> Values => _values;

    internal static string Qualified(ConfigKey key) => $"{ConfigSchema.Project}:{key.Name}";

    internal bool Has(ConfigKey key) => _values.ContainsKey(Qualified(key));

    internal bool IsSecret(ConfigKey key) => _values.GetValueOrDefault(Qualified(key)) is ConfigSecret or ConfigScalar { Secret: true };

    internal string? String(ConfigKey key) => Scalar(key)?.Text;

    internal long? Integer(ConfigKey key) => Scalar(key) is { } s ? long.Parse(s.Text, CultureInfo.InvariantCulture) : null;

    internal bool? Boolean(ConfigKey key) => Scalar(key) is { } s ? bool.Parse(s.Text) : null;

    internal IReadOnlyList<string> StringList(ConfigKey key) => _values.GetValueOrDefault(Qualified(key)) switch
    {
        null => [],
        ConfigList list => list.Items.Cast<ConfigScalar>().Select(i => i.Text).ToList(),
        ConfigScalar s => s.Text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        _ => [],
    };

    internal InputError Error(ConfigKey key, string problem, string fix) => new($"{Source}: {Qualified(key)}", problem, fix);

    private ConfigScalar? Scalar(ConfigKey key) => _values.GetValueOrDefault(Qualified(key)) as ConfigScalar;

    private void Validate()
    {
        foreach (var (qualified, value) in _values)
        {
            var colon = qualified.IndexOf(':');
            if (colon <= 0)
            {
                throw new InputError($"{Source}: {qualified}", "the key has no namespace",
                    $"Write it as {ConfigSchema.Project}:{qualified} (or <provider>:{qualified} for provider settings).");
            }

            if (qualified[..colon] != ConfigSchema.Project)
            {
                continue;
            }

            var name = qualified[(colon + 1)..];
            if (ConfigSchema.Retired.GetValueOrDefault(name) is { } replacement)
            {
                throw new InputError($"{Source}: {qualified}", "the key is no longer read", replacement);
            }

            var key = ConfigSchema.Find(name) ?? throw new InputError($"{Source}: {qualified}", "unknown config key",
                $"{Suggestion(name)}Known keys: {string.Join(", ", ConfigSchema.Keys.Select(Qualified))}.");
            CheckType(key, value);
        }

        foreach (var key in ConfigSchema.Keys.Where(k => k.Required && !Has(k)))
        {
            throw Error(key, "the required key is missing", $"Add it under config: — {key.Description}");
        }
    }

    private void CheckType(ConfigKey key, ConfigValue value)
    {
        if (value is ConfigSecret or ConfigScalar { Secret: true } && !key.Secret && !key.MayBeSecret)
        {
            throw Error(key, "the value is a secret, but this key is written into the program in plain text (resource names, decisions)",
                $"Set it with `pulumi config set` (without --secret). Keys that may be secrets: {string.Join(", ", ConfigSchema.MayBeSecretKeys.Select(Qualified))}.");
        }

        if (value is ConfigSecret)
        {
            return;
        }

        if (key.Secret && Source != StackConfigParser.EnvironmentSource)
        {
            throw Error(key, "the value is stored in plain text", $"Set it with `pulumi config set --secret {Qualified(key)} <value>`.");
        }

        foreach (var text in Scalars(value))
        {
            if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
            {
                throw Error(key, $"the value '{Excerpt(text)}' has leading or trailing whitespace", "Remove the spaces or line breaks around it.");
            }

            var control = text.AsSpan().IndexOfAnyInRange('\0', '\x1f');
            if (control < 0)
            {
                control = text.IndexOf('\x7f');
            }

            if (control >= 0)
            {
                throw Error(key, $"the value contains the control character U+{(int)text[control]:X4} at position {control + 1}",
                    "Write the value on one line, without control characters.");
            }
        }

        var ok = (key.Kind, value) switch
        {
            (ConfigKind.String, ConfigScalar) => true,
            (ConfigKind.Integer, ConfigScalar s) => long.TryParse(s.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            (ConfigKind.Boolean, ConfigScalar s) => s.Text is "true" or "false",
            (ConfigKind.StringList, ConfigList l) => l.Items.All(i => i is ConfigScalar),
            (ConfigKind.StringList, ConfigScalar) => true,
            (ConfigKind.Cidr, ConfigScalar s) => IsCidr(s.Text),
            (ConfigKind.CidrList, ConfigList l) => l.Items.All(i => i is ConfigScalar s && IsCidr(s.Text)),
            (ConfigKind.Map, ConfigMap) => true,
            _ => false,
        };
        if (!ok)
        {
            var shown = value is ConfigScalar scalar ? $" ('{Excerpt(scalar.Text)}')" : string.Empty;
            throw Error(key, $"expected {Describe(key.Kind)}{shown}", $"Fix the value: {key.Description}");
        }
    }

    private static IEnumerable<string> Scalars(ConfigValue value) => value switch
    {
        ConfigScalar s => [s.Text],
        ConfigList l => l.Items.SelectMany(Scalars),
        ConfigMap m => m.Entries.Values.SelectMany(Scalars),
        _ => [],
    };

    /// <summary>A value as it may be quoted in a one-line message.</summary>
    internal static string Excerpt(string text) => Components.Diagnostics.Excerpt.Plain(text);

    private static bool IsCidr(string text) => text.Contains('/') && IPNetwork.TryParse(text, out _);

    private static string Describe(ConfigKind kind) => kind switch
    {
        ConfigKind.String => "a string",
        ConfigKind.Integer => "a whole number (digits only, within 64 bits)",
        ConfigKind.Boolean => "true or false (lowercase)",
        ConfigKind.StringList => "a list of strings",
        ConfigKind.Cidr => "a CIDR such as 10.0.0.0/16",
        ConfigKind.CidrList => "a list of CIDRs such as [203.0.113.0/24]",
        ConfigKind.Map => "a mapping",
        _ => kind.ToString(),
    };

    private static string Suggestion(string name)
    {
        var best = ConfigSchema.Keys.MinBy(k => EditDistance(k.Name.ToLowerInvariant(), name.ToLowerInvariant()));
        return best is not null && EditDistance(best.Name.ToLowerInvariant(), name.ToLowerInvariant()) <= 3
            ? $"Did you mean {Qualified(best)}? "
            : string.Empty;
    }

    private static int EditDistance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }
}
