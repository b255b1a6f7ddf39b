using System.Text.Json;
using Palisade.Components.Diagnostics;

namespace Palisade.Infra.Diff;

internal enum CheckChangeKind
{
    /// <summary>Failed at base, passes at head.</summary>
    Fixed,

    /// <summary>Passed at base, fails at head.</summary>
    Broken,

    /// <summary>Only at head.</summary>
    Added,

    /// <summary>Only at base.</summary>
    Removed,
}

/// <summary>
/// A check whose state changed; <c>null</c> for the side it does not exist on. <paramref name="Id"/> is null only for
/// a check from a checks report written before checks carried ids.
/// </summary>
internal sealed record CheckChange(string? Id, string Name, CheckChangeKind Kind, bool? BasePassed, bool? HeadPassed, IReadOnlyList<string> HeadFindings);

/// <summary>
/// Compares two analysis/checks.json files: checks whose pass/fail state changed, new and removed checks. Checks are
/// matched by id, so a reworded check is the same check; a report without ids (an older revision) is matched by name.
/// </summary>
internal static class ChecksDiff
{
    private sealed record Check(string? Id, string Name, bool Passed, IReadOnlyList<string> Findings)
    {
        public bool Same(Check other) => Id is not null && other.Id is not null ? Id == other.Id : Name == other.Name;
    }

    /// <returns>Changes ordered as the head runs its checks, then checks only the base had.</returns>
    public static IReadOnlyList<CheckChange> Compare(string? baseJson, string? headJson, string baseName = "base checks.json", string headName = "head checks.json")
    {
        var before = Parse(baseJson, baseName);
        var after = Parse(headJson, headName);
        var changes = new List<CheckChange>();
        foreach (var check in after)
        {
            var old = before.FirstOrDefault(c => c.Same(check));
            if (old is null)
            {
                changes.Add(new CheckChange(check.Id, check.Name, CheckChangeKind.Added, null, check.Passed, check.Findings));
            }
            else if (old.Passed != check.Passed)
            {
                changes.Add(new CheckChange(check.Id, check.Name, check.Passed ? CheckChangeKind.Fixed : CheckChangeKind.Broken, old.Passed, check.Passed, check.Findings));
            }
        }

        foreach (var old in before.Where(o => !after.Any(o.Same)))
        {
            changes.Add(new CheckChange(old.Id, old.Name, CheckChangeKind.Removed, old.Passed, null, []));
        }

        return changes;
    }

    private static List<Check> Parse(string? json, string name)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.GetProperty("checks").EnumerateArray()
                .Select(c => new Check(
                    c.TryGetProperty("id", out var id) ? id.GetString() : null,
                    c.GetProperty("name").GetString() ?? "",
                    c.GetProperty("passed").GetBoolean(),
                    c.TryGetProperty("findings", out var f) ? f.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : []))
                .ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InputError(name, $"not a checks report ({e.Message})", "Synthesize it again with the `synth` verb.");
        }
    }
}
