using System.Text.RegularExpressions;

namespace Palisade.Stacks.Platform;

/// <summary>
/// Stack names as Palisade accepts them: Pulumi's characters (letters, digits, '-', '_', '.'), starting with a letter
/// or digit, so a name is never a path ('.', '..', separators) and always a file name <c>Pulumi.&lt;stack&gt;.yaml</c>.
/// </summary>
public static partial class StackNames
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string name) => Pattern().IsMatch(name);
}
