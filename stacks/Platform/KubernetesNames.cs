using System.Text.RegularExpressions;

namespace Palisade.Stacks.Platform;

/// <summary>Name rules of the Kubernetes API server, for names that come from stack config.</summary>
public static partial class KubernetesNames
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$")]
    private static partial Regex LabelName();

    /// <summary>A DNS-1123 label: namespace names, Service names.</summary>
    public static bool IsDnsLabel(string name) => name.Length <= 63 && DnsLabel().IsMatch(name);

    /// <summary>A label key: an optional DNS-1123 subdomain prefix (≤ 253) and '/', then a name of ≤ 63 characters.</summary>
    public static bool IsLabelKey(string key)
    {
        var slash = key.LastIndexOf('/');
        var name = slash < 0 ? key : key[(slash + 1)..];
        var prefixOk = slash < 0 || (slash <= 253 && slash > 0 && DnsSubdomain().IsMatch(key[..slash]));
        return prefixOk && name.Length is > 0 and <= 63 && LabelName().IsMatch(name);
    }

    /// <summary>A label value: empty, or ≤ 63 letters, digits, '-', '_', '.' starting and ending with a letter or digit.</summary>
    public static bool IsLabelValue(string value) => value.Length <= 63 && LabelName().IsMatch(value);
}
