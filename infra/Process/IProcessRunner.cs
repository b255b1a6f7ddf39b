namespace Palisade.Infra.Process;

/// <summary>What a finished process returned.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>
/// The seam for running other programs (<c>git</c>, <c>dotnet</c>, later <c>pulumi</c>). Tests replace it with a mock,
/// so nothing in the verbs depends on what is installed.
/// </summary>
internal interface IProcessRunner
{
    /// <summary>Runs <paramref name="executable"/> with <paramref name="arguments"/> (passed as-is, no shell) and waits for it.</summary>
    /// <param name="environment">Variables to set (a null value removes the variable); everything else is inherited.</param>
    /// <exception cref="ProcessStartException">The executable could not be started (e.g. not installed).</exception>
    ProcessResult Run(
        string executable,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null);
}

/// <summary>An executable that could not be started, typically because it is not installed or not on PATH.</summary>
internal sealed class ProcessStartException(string executable, Exception inner)
    : Exception($"could not start '{executable}': {inner.Message}", inner)
{
    public string Executable { get; } = executable;
}
