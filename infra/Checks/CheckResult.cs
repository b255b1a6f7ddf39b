namespace Palisade.Infra.Checks;

/// <summary>One verification that ran: what it checked, whether it held, and the evidence.</summary>
public sealed record CheckResult(string Name, bool Passed, IReadOnlyList<string> Findings)
{
    public static CheckResult Pass(string name, string evidence) => new(name, true, [evidence]);

    public static CheckResult From(string name, IReadOnlyList<string> failures, string evidence) =>
        failures.Count == 0 ? Pass(name, evidence) : new CheckResult(name, false, failures);
}
