using System.Security.Cryptography;
using System.Text;

namespace Palisade.Components.Naming;

/// <summary>
/// One provider's rule for a kind of account- or project-scoped name: its length range and the characters it allows,
/// with the rule's first and last character constraints.
/// </summary>
public sealed record NameRule(string What, int MinLength, int MaxLength, Func<char, bool> Allowed, Func<char, bool> First, Func<char, bool> Last)
{
    /// <summary>Hash suffix length when a name is truncated: 8 hex digits where room allows, 6 in short names.</summary>
    public int HashLength => MaxLength >= 40 ? 8 : 6;

    public bool Accepts(string name) =>
        name.Length >= MinLength && name.Length <= MaxLength && name.All(Allowed) && First(name[0]) && Last(name[^1]);
}

/// <summary>
/// Names that live in an AWS account or a GCP project, so two stacks there would clash on them. Every such name is the
/// stack's scope (its cluster name, <c>palisade-&lt;stack&gt;</c> unless set) joined with its parts by '-', within the
/// provider's limits: a name that is too long keeps a readable prefix and ends in a hash of the whole qualified name,
/// so it stays deterministic and distinct. Both clouds call this one helper.
/// </summary>
public static class CloudNames
{
    private static bool LowerOrDigit(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';
    private static bool Lower(char c) => c is >= 'a' and <= 'z';
    private static bool Any(char c) => true;
    private static bool Word(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>GCP service account <c>accountId</c>: 6–30 characters, <c>[a-z]([-a-z0-9]*[a-z0-9])</c>.</summary>
    public static NameRule GcpServiceAccountId { get; } = new("GCP service account id", 6, 30, c => LowerOrDigit(c) || c == '-', Lower, LowerOrDigit);

    /// <summary>GCP Compute resource names and network tags (RFC 1035): 1–63 characters, <c>[a-z]([-a-z0-9]*[a-z0-9])?</c>.</summary>
    public static NameRule GcpComputeName { get; } = new("GCP compute name", 1, 63, c => LowerOrDigit(c) || c == '-', Lower, LowerOrDigit);

    /// <summary>IAM role names: 1–64 characters of <c>[\w+=,.@-]</c>.</summary>
    public static NameRule AwsIamRole { get; } = new("IAM role name", 1, 64, c => Word(c) || c is '+' or '=' or ',' or '.' or '@' or '-', Any, Any);

    /// <summary>IAM managed policy names: 1–128 characters of <c>[\w+=,.@-]</c>.</summary>
    public static NameRule AwsIamPolicy { get; } = new("IAM policy name", 1, 128, c => Word(c) || c is '+' or '=' or ',' or '.' or '@' or '-', Any, Any);

    /// <summary>EKS node group names (also the launch template's): 1–63 characters of letters, digits, '-' and '_', starting with a letter or digit.</summary>
    public static NameRule AwsEksNodeGroupName { get; } = new("EKS node group name", 1, 63, c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_', char.IsAsciiLetterOrDigit, Any);

    /// <summary>WAFv2 web ACL names: 1–128 characters of <c>[\w-]</c>.</summary>
    public static NameRule AwsWafAcl { get; } = new("WAF web ACL name", 1, 128, c => Word(c) || c == '-', Any, Any);

    /// <summary>The stack-qualified name <c>&lt;scope&gt;-&lt;part&gt;-…</c> within the rule's limits.</summary>
    public static string Qualified(NameRule rule, string scope, params string[] parts)
    {
        var full = string.Join('-', new[] { scope }.Concat(parts));
        var name = full;
        if (name.Length > rule.MaxLength)
        {
            name = $"{name[..(rule.MaxLength - rule.HashLength - 1)].TrimEnd('-')}-{Hash(full, rule.HashLength)}";
        }
        else if (name.Length < rule.MinLength)
        {
            name = $"{name}-{Hash(full, rule.HashLength)}";
        }

        return rule.Accepts(name)
            ? name
            : throw new ArgumentException($"'{full}' cannot be a {rule.What}: it allows {rule.MinLength}–{rule.MaxLength} characters of its own set.");
    }

    private static string Hash(string text, int length) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];
}
