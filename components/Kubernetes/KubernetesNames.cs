using Palisade.Components.Diagnostics;

namespace Palisade.Components.Kubernetes;

/// <summary>
/// The API server's name and label syntax (k8s.io/apimachinery validation): DNS-1123 labels and subdomains,
/// qualified names (label and annotation keys) and label values. Each <c>...Problem</c> method returns null for a
/// valid input, else what is wrong, quoting at most a short excerpt of the input.
/// </summary>
internal static class KubernetesNames
{
    public const int MaxLabelLength = 63;
    public const int MaxSubdomainLength = 253;

    /// <summary>A DNS-1123 label: 1-63 lowercase letters, digits and '-', starting and ending alphanumeric (namespace names).</summary>
    public static bool IsDns1123Label(string value) =>
        value.Length is >= 1 and <= MaxLabelLength &&
        value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') &&
        IsLowerAlphanumeric(value[0]) && IsLowerAlphanumeric(value[^1]);

    /// <summary>A DNS-1123 subdomain: at most 253 characters, DNS-1123 labels joined by '.'.</summary>
    public static bool IsDns1123Subdomain(string value) =>
        value.Length is >= 1 and <= MaxSubdomainLength &&
        value.Split('.').All(part => part.Length > 0 &&
                                     part.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') &&
                                     IsLowerAlphanumeric(part[0]) && IsLowerAlphanumeric(part[^1]));

    /// <summary>A label or annotation key: an optional DNS-1123 subdomain prefix and '/', then a name part.</summary>
    public static bool IsQualifiedName(string value) => QualifiedNameProblem(value) is null;

    /// <summary>A label value: empty, or at most 63 of [A-Za-z0-9._-] starting and ending alphanumeric.</summary>
    public static bool IsLabelValue(string value) => value.Length == 0 || IsNamePart(value);

    public static string? NamespaceProblem(string name) => IsDns1123Label(name)
        ? null
        : $"namespace name {Excerpt.Quote(name)} is not a DNS-1123 label (at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)";

    /// <summary>Names of the objects the analysis reads (pods, workload controllers, NetworkPolicies) are DNS-1123 subdomains.</summary>
    public static string? ObjectNameProblem(string kind, string name) => IsDns1123Subdomain(name)
        ? null
        : $"the {kind} name {Excerpt.Quote(name)} is not a DNS-1123 subdomain (at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit)";

    public static string? LabelKeyProblem(string key) =>
        QualifiedNameProblem(key) is { } problem ? $"label key {Excerpt.Quote(key)} is not valid: {problem}" : null;

    public static string? AnnotationKeyProblem(string key) =>
        QualifiedNameProblem(key.ToLowerInvariant()) is { } problem ? $"annotation key {Excerpt.Quote(key)} is not valid: {problem}" : null;

    public static string? LabelValueProblem(string key, string value) => IsLabelValue(value)
        ? null
        : $"the value {Excerpt.Quote(value)} of label {Excerpt.Quote(key)} is not valid: a label value is empty or at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit";

    private static string? QualifiedNameProblem(string value)
    {
        var slash = value.LastIndexOf('/');
        var prefix = slash < 0 ? null : value[..slash];
        var name = slash < 0 ? value : value[(slash + 1)..];
        if (prefix is not null && !IsDns1123Subdomain(prefix))
        {
            return "the prefix before '/' must be a DNS-1123 subdomain (at most 253 lowercase letters, digits, '-' and '.')";
        }

        return IsNamePart(name)
            ? null
            : "the name (after an optional 'prefix/') must be 1-63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
    }

    private static bool IsNamePart(string value) =>
        value.Length is >= 1 and <= MaxLabelLength &&
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') &&
        char.IsAsciiLetterOrDigit(value[0]) && char.IsAsciiLetterOrDigit(value[^1]);

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
