namespace Palisade.Stacks.Platform;

/// <summary>
/// Stack names as Palisade accepts them: Pulumi's rule (letters, digits, '-', '_', '.', at most 100 characters), and
/// not only dots, so a name is never a path ('.', '..', separators) and always a file name <c>Pulumi.&lt;stack&gt;.yaml</c>.
/// </summary>
internal static class StackNames
{
    public const int MaxLength = 100;

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') &&
        name.Any(c => c != '.');
}
