using System.Text.RegularExpressions;

namespace Palisade.Infra.Promotion;

/// <summary>
/// Sets scalar keys under <c>config:</c> in a stack file's text, leaving every other line (comments, order, secrets)
/// as it was — the same edit <c>pulumi config set</c> makes.
/// </summary>
public static partial class StackFileEditor
{
    // A key ends at the first ':' followed by a space or the end of the line; keys themselves contain ':' (palisade:apps).
    [GeneratedRegex(@"^(\s+)([^\s#]\S*?):(\s|$)")]
    private static partial Regex KeyLine();

    public static string Set(string text, IReadOnlyDictionary<string, string> values)
    {
        var lines = text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n').ToList();
        var configLine = lines.FindIndex(l => l.TrimEnd() == "config:");
        if (configLine < 0)
        {
            lines.Add("config:");
            configLine = lines.Count - 1;
        }

        var end = lines.FindIndex(configLine + 1, l => l.Length > 0 && !char.IsWhiteSpace(l[0]) && !l.StartsWith('#'));
        end = end < 0 ? lines.Count : end;
        var indent = lines.Skip(configLine + 1).Take(end - configLine - 1).Select(l => KeyLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value ?? "  ";

        foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var rendered = $"{indent}{key}: {(Emit.YamlWriter.IsPlainSafe(value) ? value : Emit.YamlWriter.Quote(value))}";
            var existing = lines.FindIndex(configLine + 1, end - configLine - 1, l => KeyLine().Match(l) is { Success: true } m && m.Groups[1].Value == indent && m.Groups[2].Value == key);
            if (existing >= 0)
            {
                lines[existing] = rendered;
            }
            else
            {
                lines.Insert(end, rendered);
                end++;
            }
        }

        return string.Join("\n", lines) + "\n";
    }
}
