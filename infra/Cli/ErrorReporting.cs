using Palisade.Components.Diagnostics;
using Palisade.Components.Graph;
using Palisade.Infra.Synthesis;

namespace Palisade.Infra.Cli;

/// <summary>
/// Turns failures into one line on stderr: bad input and file-system failures are exit 2 (<see cref="Guard"/>, per
/// verb); anything else is a bug, reported as such with exit 70 (<see cref="Internal"/>, at the top). Never a stack trace.
/// </summary>
internal static class ErrorReporting
{
    public const string ReportHint =
        "This is a bug in palisade, not in your input: please report it in the project's issue tracker with the command line, the stack file and this message.";

    public static int Guard(CommandContext context, Func<int> verb)
    {
        try
        {
            return verb();
        }
        catch (Exception e) when (Expected(e) is { } message)
        {
            context.Error.WriteLine($"error: {message}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>The message for a failure that is the user's input or environment, not a bug; null otherwise.</summary>
    public static string? Expected(Exception e) => e switch
    {
        InputError or GraphException => OneLine(e.Message),
        IOException or UnauthorizedAccessException =>
            $"{OneLine(e.Message).TrimEnd('.')}. Check the path, its permissions and the file system, then run again.",
        _ => null,
    };

    public static int Internal(TextWriter error, Exception e)
    {
        error.WriteLine($"internal error: {e.GetType().FullName}: {OneLine(e.Message)}");
        error.WriteLine(ReportHint);
        return ExitCodes.InternalError;
    }

    private static string OneLine(string message) => Excerpt.Plain(message.ReplaceLineEndings(" "), 2000);
}
