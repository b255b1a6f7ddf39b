using Palisade.Components.Diagnostics;
using Palisade.Stacks.Platform;

namespace Palisade.Infra.Synthesis;

/// <summary>
/// A stack name that is safe as a file name part (<c>Pulumi.&lt;stack&gt;.yaml</c>) and as a folder (<c>out/&lt;stack&gt;</c>):
/// Pulumi's rule (letters, digits, '-', '_', '.', at most 100 characters), and not only dots, so that '.' and '..'
/// can never name the project folder or its parent.
/// </summary>
internal readonly record struct StackName
{
    public const int MaxLength = StackNames.MaxLength;

    private StackName(string value) => Value = value;

    public string Value { get; }

    public static bool IsValid(string? name) => StackNames.IsValid(name);

    /// <exception cref="InputError">The name is empty, too long, only dots, or has another character.</exception>
    public static StackName Parse(string? name, string where = "stack") =>
        IsValid(name)
            ? new StackName(name!)
            : throw new InputError($"{where} '{Excerpt.Plain(name ?? "")}'", "is not a plain stack name",
                $"Use letters, digits, '-', '_' and '.' (not only dots), at most {MaxLength} characters, e.g. dev or prod-eu.");

    public override string ToString() => Value;
}
