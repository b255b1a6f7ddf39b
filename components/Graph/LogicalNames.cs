using System.Text.RegularExpressions;

namespace Palisade.Components.Graph;

/// <summary>
/// Logical names become Pulumi YAML map keys and the roots of <c>${...}</c> references: letters, digits, '-' and
/// '_', starting with a letter (a '.' would break property access in references).
/// </summary>
internal static partial class LogicalNames
{
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex ValidName();

    public static bool IsValid(string name) => ValidName().IsMatch(name) && name != "pulumi";
}
