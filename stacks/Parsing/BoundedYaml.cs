using Palisade.Components.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Palisade.Stacks.Parsing;

/// <summary>
/// Loads YAML text into the representation model within <see cref="ParseLimits"/>: size, control characters, nesting
/// depth, aliases, documents, plain and unique keys are checked as the events stream in, so nothing hostile reaches the
/// loader's recursion. Pure: the caller reads the file.
/// </summary>
internal static class BoundedYaml
{
    /// <exception cref="InputError">The text breaks a limit or is not valid YAML; the location names the line and column.</exception>
    public static IReadOnlyList<YamlDocument> Load(string text, string source, ParseLimits limits)
    {
        var stream = new YamlStream();
        Run(text, source, limits, stream.Load);
        return stream.Documents.ToList();
    }

    /// <summary>
    /// Hands every parsing event to <paramref name="onEvent"/> as it streams in, checked against the same limits as
    /// <see cref="Load"/>, without building the representation model.
    /// </summary>
    /// <exception cref="InputError">The text breaks a limit or is not valid YAML; the location names the line and column.</exception>
    public static void Stream(string text, string source, ParseLimits limits, Action<ParsingEvent> onEvent) =>
        Run(text, source, limits, parser =>
        {
            while (parser.MoveNext())
            {
                onEvent(parser.Current!);
            }
        });

    private static void Run(string text, string source, ParseLimits limits, Action<IParser> read)
    {
        StrictText.Check(text, source, limits);
        var parser = new CheckedParser(text, source, limits);
        try
        {
            read(parser);
        }
        catch (YamlException e)
        {
            var unclosed = e.Message.Contains("flow sequence", StringComparison.Ordinal) || e.Message.Contains("flow mapping", StringComparison.Ordinal)
                ? parser.OpenFlowCollection()
                : null;
            throw new InputError(parser.Where(e.Start), $"the file is not valid YAML: {Message(e)}{(unclosed is null ? string.Empty : $" ({unclosed} is not closed)")}",
                limits.SyntaxFix);
        }
    }

    /// <summary>YamlDotNet's message without the position prefix it sometimes repeats: "(Line: 1, Col: 2, Idx: 1) - (...): ".</summary>
    private static string Message(YamlException e)
    {
        var message = e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0)
        {
            message = message[(cut + 3)..];
        }

        return message.TrimEnd('.');
    }
}
