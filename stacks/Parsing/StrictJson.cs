using System.Text.Json;
using Palisade.Components.Diagnostics;

namespace Palisade.Stacks.Parsing;

/// <summary>
/// Parses JSON within <see cref="ParseLimits"/> and refuses what <see cref="JsonDocument"/> lets through: duplicate keys
/// (it keeps both) and strings that are not valid UTF-16 (lone surrogate escapes). Pure.
/// </summary>
internal static class StrictJson
{
    /// <exception cref="InputError">The text breaks a limit, is not valid JSON, or has a duplicate key.</exception>
    public static JsonDocument Parse(string text, string source, ParseLimits limits, bool allowCommentsAndTrailingCommas = false, string? syntaxFix = null)
    {
        StrictText.Check(text, source, limits);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions
            {
                MaxDepth = limits.MaxDepth,
                CommentHandling = allowCommentsAndTrailingCommas ? JsonCommentHandling.Skip : JsonCommentHandling.Disallow,
                AllowTrailingCommas = allowCommentsAndTrailingCommas,
            });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"{source}: line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : source;
            var problem = e.Message.Contains("maximum configured depth", StringComparison.Ordinal)
                ? $"the JSON nests more than {limits.MaxDepth} levels deep, the most {limits.Kind} may have"
                : $"the text is not valid JSON: {Message(e)}";
            throw new InputError(where, problem, syntaxFix ?? limits.SyntaxFix);
        }

        try
        {
            CheckKeysAndStrings(document.RootElement, source);
        }
        catch
        {
            document.Dispose();
            throw;
        }

        return document;
    }

    /// <summary>A key path for messages: palisade:tags.team, items[2].metadata.</summary>
    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>Refuses duplicate keys and invalid strings anywhere under <paramref name="root"/>.</summary>
    /// <exception cref="InputError">A key appears twice in one object, or a string holds a lone surrogate escape.</exception>
    public static void CheckKeysAndStrings(JsonElement root, string source, string keyPath = "") => Check(root, keyPath, source);

    private static void Check(JsonElement element, string path, string source)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var keys = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var name = Text(() => property.Name, path, source);
                    var at = Join(path, name.Length <= Excerpt.MaxLength ? name : Excerpt.Quote(name));
                    if (!keys.Add(name))
                    {
                        throw new InputError($"{source}: key {at}", $"the key {Excerpt.Quote(name)} appears twice in this object", "Keep one of the two entries");
                    }

                    Check(property.Value, at, source);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Check(item, $"{path}[{index++}]", source);
                }

                break;
            case JsonValueKind.String:
                Text(element.GetString, path, source);
                break;
        }
    }

    private static string Text(Func<string?> read, string path, string source)
    {
        try
        {
            return read() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            throw new InputError(path.Length == 0 ? source : $"{source}: key {path}", "a string holds an invalid \\u escape (a lone UTF-16 surrogate)",
                "Escape characters outside the BMP as a surrogate pair, or write them as UTF-8");
        }
    }

    private static string Message(JsonException e)
    {
        var message = e.Message;
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            message = cut > 0 ? message[..cut] : message;
        }

        return message.TrimEnd('.', ' ');
    }
}
