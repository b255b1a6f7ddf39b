using Spectre.Console;

namespace Palisade.Infra.Reports;

/// <summary>
/// A Spectre console over any writer: colour on an interactive terminal, plain fixed-width text otherwise, so
/// redirected output (CI logs, tests) is stable.
/// </summary>
internal static class ReportConsole
{
    public const int PlainWidth = 180;

    public static IAnsiConsole Create(TextWriter writer)
    {
        var interactive = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!interactive)
        {
            console.Profile.Width = PlainWidth;
        }

        return console;
    }
}
