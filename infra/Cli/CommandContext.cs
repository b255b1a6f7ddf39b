using Palisade.Components.Diagnostics;

namespace Palisade.Infra.Cli;

/// <summary>What a verb may touch: its working folder, environment and output streams. Tests pass their own.</summary>
public sealed record CommandContext(
    string WorkingDirectory,
    Func<string, string?> Environment,
    TextWriter Out,
    TextWriter Error)
{
    public static CommandContext FromProcess() =>
        new(CurrentDirectory(), System.Environment.GetEnvironmentVariable, Console.Out, Console.Error);

    private static string CurrentDirectory()
    {
        try
        {
            return Directory.GetCurrentDirectory();
        }
        catch (IOException)
        {
            throw new InputError("the current folder", "no longer exists (it was deleted or moved away)", "cd into the project folder and run again.");
        }
    }
}
