using Palisade.Components.Kubernetes;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Palisade.Components.Diagnostics;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>
/// Reads a stack's <c>palisade:</c> keys for the platform model and remembers which keys were read, so that a key
/// that does nothing on this stack (a GKE key on EKS, <c>domain</c> without an ingress) is refused instead of being
/// silently ignored. Every error names the file and key.
/// </summary>
internal sealed class SettingsReader
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public SettingsReader(StackConfig config) => Config = config;

    public StackConfig Config { get; }

    public string Stack => Config.Stack;

    public bool Has(ConfigKey key)
    {
        _read.Add(key.Name);
        return Config.Has(key);
    }

    public string? String(ConfigKey key)
    {
        _read.Add(key.Name);
        return Config.String(key);
    }

    public string String(ConfigKey key, string fallback) => String(key) ?? fallback;

    public string Required(ConfigKey key, string why) =>
        String(key) ?? throw Error(key, "the required key is missing", $"Add it under config: {why}. {key.Description}");

    /// <summary>A config value the program references (so Pulumi keeps it secret when it is set with --secret).</summary>
    public Configured? Referenced(ConfigKey key)
    {
        _read.Add(key.Name);
        return Config.Values.GetValueOrDefault(StackConfig.Qualified(key)) switch
        {
            ConfigScalar s => new Configured(s.Text, key.Name, s.Secret),
            ConfigSecret => Configured.Unknown(key.Name),
            _ => null,
        };
    }

    public Configured Referenced(ConfigKey key, string fallback) => Referenced(key) ?? new Configured(fallback, null);

    public bool Boolean(ConfigKey key, bool fallback)
    {
        _read.Add(key.Name);
        return Config.Boolean(key) ?? fallback;
    }

    public long Integer(ConfigKey key, long fallback, long min, long max, string unit)
    {
        _read.Add(key.Name);
        var value = Config.Integer(key) ?? fallback;
        if (value < min || value > max)
        {
            throw Error(key, $"{value.ToString(CultureInfo.InvariantCulture)} is out of range",
                $"Use {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} {unit}.");
        }

        return value;
    }

    public ConfigMap? Map(ConfigKey key)
    {
        _read.Add(key.Name);
        return Config.Values.GetValueOrDefault(StackConfig.Qualified(key)) as ConfigMap;
    }

    /// <summary>
    /// A non-empty pod label selector from a config mapping, each label as the API server validates it (an empty
    /// selector would admit every pod of the namespace).
    /// </summary>
    public IReadOnlyDictionary<string, string> PodLabels(ConfigKey key, ConfigValue? value, string at, string fix)
    {
        if (value is not ConfigMap { Entries.Count: > 0 } map)
        {
            throw Error(key, $"{at}missing or empty", $"{fix} An empty selector would admit every pod of the namespace.");
        }

        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (label, labelValue) in map.Entries)
        {
            var text = labelValue is ConfigScalar s ? s.Text : null;
            if ((KubernetesNames.LabelKeyProblem(label) ?? (text is null ? $"the value of label {Components.Diagnostics.Excerpt.Quote(label)} is not a string" : KubernetesNames.LabelValueProblem(label, text))) is { } problem)
            {
                throw Error(key, $"{at}{problem}", "Use the labels exactly as the API server shows them (kubectl get pods --show-labels).");
            }

            labels[label] = text!;
        }

        return labels;
    }

    public IReadOnlyList<string> List(ConfigKey key)
    {
        _read.Add(key.Name);
        return Config.StringList(key);
    }

    /// <summary>A Kubernetes namespace name as the API server validates it (a DNS-1123 label).</summary>
    public string? Namespace(ConfigKey key)
    {
        var name = String(key);
        if (name is not null && !KubernetesNames.IsDns1123Label(name))
        {
            throw Error(key, $"'{Excerpt(name)}' is not a valid namespace name",
                "Use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit (a DNS-1123 label).");
        }

        return name;
    }

    public IPNetwork Cidr(ConfigKey key, string text, AddressFamily? only = null, string? why = null)
    {
        var network = AppValidator.ParseCidr(text, Location(key));
        if (only is { } family && network.BaseAddress.AddressFamily != family)
        {
            throw Error(key, $"'{text}' is an {FamilyName(network.BaseAddress.AddressFamily)} CIDR",
                $"Use an {FamilyName(family)} CIDR{(why is null ? string.Empty : $": {why}")}.");
        }

        return network;
    }

    /// <summary>Refuses CIDRs that, alone or together, cover every address of their family: they admit the whole internet.</summary>
    public void NotEverything(ConfigKey key, IReadOnlyList<IPNetwork> networks, string fix)
    {
        foreach (var family in networks.Select(n => n.BaseAddress.AddressFamily).Distinct())
        {
            var ofFamily = networks.Where(n => n.BaseAddress.AddressFamily == family).ToList();
            if (AddressCoverage.CoversAll(ofFamily))
            {
                var what = ofFamily.Count == 1 ? $"'{ofFamily[0]}' covers" : $"together, {string.Join(", ", ofFamily)} cover";
                throw Error(key, $"{what} every {FamilyName(family)} address, so it would admit the whole internet", fix);
            }
        }
    }

    public InputError Error(ConfigKey key, string problem, string fix) => Config.Error(key, problem, fix);

    public string Location(ConfigKey key) => $"{Config.Source}: {StackConfig.Qualified(key)}";

    /// <summary>Refuses every <c>palisade:</c> key the stack sets that no part of its platform read.</summary>
    public void RefuseUnread(string stackShape)
    {
        foreach (var key in ConfigSchema.Keys.Where(k => Config.Has(k) && !_read.Contains(k.Name)))
        {
            throw Error(key, $"the key only applies to {key.AppliesTo}, and this stack is {stackShape}: it would do nothing",
                "Remove it, or change the settings it depends on.");
        }
    }

    public static string Excerpt(string text) => StackConfig.Excerpt(text);

    private static string FamilyName(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
}
