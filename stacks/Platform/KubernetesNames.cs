using System.Text.RegularExpressions;

namespace Palisade.Stacks.Platform;

/// <summary>Name rules of the Kubernetes API server, for names that come from stack config.</summary>
public static partial class KubernetesNames
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    /// <summary>A DNS-1123 label: namespace names, Service names.</summary>
    public static bool IsDnsLabel(string name) => name.Length <= 63 && DnsLabel().IsMatch(name);
}
