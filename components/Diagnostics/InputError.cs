namespace Palisade.Components.Diagnostics;

/// <summary>
/// Bad input from the user: names where (file, key or document), what is wrong and how to fix it.
/// The command line maps it to exit code 2 and writes nothing.
/// </summary>
public sealed class InputError : Exception
{
    public InputError(string location, string problem, string fix)
        : base($"{location}: {problem}. {fix}")
    {
        Location = location;
        Problem = problem;
        Fix = fix;
    }

    /// <summary>File and key (or document, or component path) the problem is in, e.g. "Pulumi.dev.yaml: palisade:apps".</summary>
    public string Location { get; }
    public string Problem { get; }
    public string Fix { get; }
}
