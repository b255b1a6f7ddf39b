using Palisade.Components.Diagnostics;
using Palisade.Stacks.Composition;

namespace Palisade.Infra.Cli;

/// <summary>
/// What a verb may touch: its working folder, environment and output streams, and the apps the program defines.
/// Tests pass their own.
/// </summary>
internal sealed record CommandContext(
    string WorkingDirectory,
    Func<string, string?> Environment,
    TextWriter Out,
    TextWriter Error)
{
    /// <summary>The apps stacks may name in <c>palisade:apps</c>; none unless the program registers them.</summary>
    public AppCatalog Apps { get; init; } = AppCatalog.Empty;

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
