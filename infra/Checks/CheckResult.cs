namespace Palisade.Infra.Checks;

/// <summary>One verification that ran: its stable id, what it checked, whether it held, and the evidence.</summary>
public sealed record CheckResult(CheckId Id, string Name, bool Passed, IReadOnlyList<string> Findings)
{
    /// <summary>How reports show the check to people: its id, then its name.</summary>
    public string Label => $"{Id}: {Name}";

    public static CheckResult Pass(CheckId id, string name, string evidence) => new(id, name, true, [evidence]);

    public static CheckResult From(CheckId id, string name, IReadOnlyList<string> failures, string evidence) =>
        failures.Count == 0 ? Pass(id, name, evidence) : new CheckResult(id, name, false, failures);
}
