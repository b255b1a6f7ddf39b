using System.Globalization;
using Palisade.Components.Diagnostics;

namespace Palisade.Infra.Process;

/// <summary>
/// How long a child may run before it is stopped with everything it started: git 2 minutes, dotnet (a build and
/// synth of a base revision) 10 minutes, pulumi 2 hours, anything else 10 minutes. Each can be changed with
/// <c>PALISADE_&lt;TOOL&gt;_TIMEOUT</c> (e.g. <c>PALISADE_PULUMI_TIMEOUT=45m</c>; seconds, or a number with s, m or h).
/// </summary>
internal sealed class ProcessTimeouts(Func<string, string?> environment)
{
    private static readonly Dictionary<string, TimeSpan> Defaults = new(StringComparer.Ordinal)
    {
        ["git"] = TimeSpan.FromMinutes(2),
        ["dotnet"] = TimeSpan.FromMinutes(10),
        ["pulumi"] = TimeSpan.FromHours(2),
    };

    private static readonly TimeSpan Other = TimeSpan.FromMinutes(10);

    public static ProcessTimeouts FromProcessEnvironment() => new(Environment.GetEnvironmentVariable);

    public static string Variable(string executable) =>
        $"PALISADE_{new string(Path.GetFileNameWithoutExtension(executable).ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray())}_TIMEOUT";

    /// <exception cref="InputError">The variable is set but is not a positive duration.</exception>
    public TimeSpan For(string executable)
    {
        var variable = Variable(executable);
        var text = environment(variable);
        if (string.IsNullOrEmpty(text))
        {
            return Defaults.GetValueOrDefault(Path.GetFileNameWithoutExtension(executable), Other);
        }

        return Parse(text) ?? throw new InputError(variable, $"'{(text.Length > 40 ? text[..40] + "…" : text)}' is not a duration",
            "Use a whole number of seconds (600) or of minutes or hours (10m, 2h).");
    }

    public static TimeSpan? Parse(string text)
    {
        var unit = text[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 };
        var digits = unit == 0 ? text : text[..^1];
        return digits.Length is > 0 and <= 7 && digits.All(char.IsAsciiDigit) &&
               long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? TimeSpan.FromSeconds(count * Math.Max(unit, 1))
            : null;
    }

    public static string Describe(TimeSpan limit) =>
        limit.TotalHours >= 1 && limit.TotalHours % 1 == 0 ? $"{limit.TotalHours:0} h"
        : limit.TotalMinutes >= 1 && limit.TotalMinutes % 1 == 0 ? $"{limit.TotalMinutes:0} min"
        : limit.TotalSeconds >= 1 ? $"{limit.TotalSeconds:0.#} s"
        : $"{limit.TotalMilliseconds:0} ms";
}
