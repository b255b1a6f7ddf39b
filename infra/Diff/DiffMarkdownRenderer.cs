using System.Text;
using Palisade.Components.Connectivity;

namespace Palisade.Infra.Diff;

/// <summary>
/// The diff as Markdown for a pull-request comment. It starts with <see cref="Marker"/> so the workflow can find its
/// own comment and update it in place.
/// </summary>
internal static class DiffMarkdownRenderer
{
    public const string Marker = "<!-- palisade-diff -->";

    /// <summary>Width at which a long value folds onto the next line of its table cell; nothing is cut.</summary>
    public const int FoldWidth = 100;

    public static string Render(StackDiff diff)
    {
        var md = new StringBuilder();
        md.Append(Marker).Append('\n');
        md.Append($"### Palisade diff: {Side(diff.Base)} → {Side(diff.Head)}\n\n");
        md.Append(Summary(diff)).Append("\n\n");
        foreach (var note in diff.Notes)
        {
            md.Append($"> {Escape(note)}\n\n");
        }

        if (!diff.HasChanges)
        {
            var same = new[] { "the resources", diff.ConnectivityCompared ? "the connectivity" : null, diff.ChecksCompared ? "the checks" : null }
                .OfType<string>().ToList();
            md.Append($"No changes: {string.Join(", ", same.SkipLast(1))}{(same.Count > 1 ? " and " : "")}{same[^1]} are the same.\n");
            return md.ToString();
        }

        Resources(diff, md);
        Settings(diff, md);
        Connectivity("Connections opened", diff.Opened, c => c.Opened, md);
        Connectivity("Connections closed", diff.Closed, c => c.Closed, md);
        Checks(diff, md);
        return md.ToString().TrimEnd('\n') + "\n";
    }

    public static string Summary(StackDiff diff) =>
        $"**{diff.Count(ResourceAction.Add)} to add, {diff.Count(ResourceAction.Update)} to change, " +
        $"{diff.Count(ResourceAction.Replace)} to replace, {diff.Count(ResourceAction.Delete)} to delete** · " +
        $"connections: {diff.Opened.Count} opened, {diff.Closed.Count} closed · checks: {diff.Checks.Count} changed";

    private static string Side(DiffSide side) => $"`{side.Stack}` at {Escape(side.Label)}";

    private static void Resources(StackDiff diff, StringBuilder md)
    {
        if (diff.Resources.Count == 0)
        {
            return;
        }

        md.Append("#### Resources\n\n| | resource | type | changes |\n|---|---|---|---|\n");
        foreach (var r in diff.Resources)
        {
            var type = r.OldType is null ? Code(r.Type) : $"{Code(r.OldType)} → {Code(r.Type)}";
            var changes = r.Action switch
            {
                ResourceAction.Replace => $"replace because of {string.Join(", ", r.ReplaceReasons.Select(Code))}; {Paths(r)}",
                ResourceAction.Update => Paths(r),
                _ => "",
            };
            md.Append($"| {Action(r.Action)} | {Code(r.Name)} | {type} | {changes} |\n");
        }

        md.Append('\n');
        foreach (var r in diff.Resources.Where(r => r.Changes.Count > 0))
        {
            md.Append($"<details><summary>{Action(r.Action)} <code>{Html(r.Name)}</code>: {r.Changes.Count} changed</summary>\n\n");
            md.Append("| property | old | new |\n|---|---|---|\n");
            foreach (var change in r.Changes)
            {
                md.Append($"| {Code(change.Path)} | {Value(change.Old)} | {Value(change.New)} |\n");
            }

            md.Append("\n</details>\n\n");
        }
    }

    private static void Settings(StackDiff diff, StringBuilder md)
    {
        if (diff.Settings.Count == 0)
        {
            return;
        }

        md.Append("#### Program config, variables and outputs\n\n| path | old | new |\n|---|---|---|\n");
        foreach (var change in diff.Settings)
        {
            md.Append($"| {Code(change.Path)} | {Value(change.Old)} | {Value(change.New)} |\n");
        }

        md.Append('\n');
    }

    /// <summary>The changed paths, each once (a rule replaced by another is one path removed and added).</summary>
    private static string Paths(ResourceChange r)
    {
        var paths = r.Changes.Select(c => c.Path).Distinct(StringComparer.Ordinal).ToList();
        return paths.Count <= 3
            ? string.Join(", ", paths.Select(Code))
            : $"{string.Join(", ", paths.Take(3).Select(Code))} and {paths.Count - 3} more";
    }

    private static void Connectivity(string title, IReadOnlyList<ConnectivityChange> changes, Func<ConnectivityChange, ConnectionSet> traffic, StringBuilder md)
    {
        if (changes.Count == 0)
        {
            return;
        }

        md.Append($"#### {title}\n\n| from | to | traffic |\n|---|---|---|\n");
        foreach (var c in changes)
        {
            md.Append($"| {Code(c.Source.Name)} | {Code(c.Destination.Name)} | {Escape(traffic(c).ToString())} |\n");
        }

        md.Append('\n');
    }

    private static void Checks(StackDiff diff, StringBuilder md)
    {
        if (diff.Checks.Count == 0)
        {
            return;
        }

        md.Append("#### Checks\n\n| check | before | after |\n|---|---|---|\n");
        foreach (var c in diff.Checks)
        {
            md.Append($"| {Escape(c.Name)} | {State(c.BasePassed)} | {State(c.HeadPassed)} |\n");
        }

        md.Append('\n');
        foreach (var c in diff.Checks.Where(c => c.HeadPassed == false))
        {
            md.Append($"- **{Escape(c.Name)}** fails: {Escape(string.Join("; ", c.HeadFindings))}\n");
        }

        md.Append('\n');
    }

    private static string State(bool? passed) => passed switch
    {
        true => "pass",
        false => "**FAIL**",
        null => "—",
    };

    private static string Action(ResourceAction action) => action switch
    {
        ResourceAction.Add => "➕ add",
        ResourceAction.Update => "✏️ update",
        ResourceAction.Replace => "🔄 replace",
        _ => "➖ delete",
    };

    /// <summary>A value in full; a long one folds into lines of <see cref="FoldWidth"/> characters inside its cell.</summary>
    private static string Value(string? value) =>
        value is null ? "—" : string.Join("<br>", value.Chunk(FoldWidth).Select(c => Code(new string(c))));

    /// <summary>An inline code span that is safe inside a table cell.</summary>
    private static string Code(string text)
    {
        var cell = text.Replace("|", "\\|").ReplaceLineEndings(" ");
        return cell.Contains('`') ? $"`` {cell} ``" : $"`{cell}`";
    }

    private static string Escape(string text) =>
        text.Replace("|", "\\|").Replace("<", "&lt;").Replace(">", "&gt;").ReplaceLineEndings(" ");

    private static string Html(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
