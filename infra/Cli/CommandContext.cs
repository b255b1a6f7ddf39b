namespace Palisade.Infra.Cli;

/// <summary>What a verb may touch: its working folder, environment and output streams. Tests pass their own.</summary>
public sealed record CommandContext(
    string WorkingDirectory,
    Func<string, string?> Environment,
    TextWriter Out,
    TextWriter Error)
{
    public static CommandContext FromProcess() =>
        new(Directory.GetCurrentDirectory(), System.Environment.GetEnvironmentVariable, Console.Out, Console.Error);
}
