using System.Text.RegularExpressions;

namespace Palisade.Infra.Checks;

/// <summary>
/// A check's stable identity (kebab-case). Tools, tests, the diff and the JSON reports refer to a check by it; the
/// check's name is for people and may be reworded without breaking any of them.
/// </summary>
public sealed partial record CheckId
{
    private CheckId(string value) => Value = value;

    public string Value { get; }

    /// <summary>An id from its kebab-case text; anything else is a programming error.</summary>
    public static CheckId Of(string value) =>
        Shape().IsMatch(value) ? new CheckId(value) : throw new ArgumentException($"Check id '{value}' is not kebab-case.", nameof(value));

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Shape();
}
