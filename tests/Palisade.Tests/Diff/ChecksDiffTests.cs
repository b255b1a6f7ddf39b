using Palisade.Infra.Diff;

namespace Palisade.Tests.Diff;

public class ChecksDiffTests
{
    private static string Checks(params (string Name, bool Passed)[] checks) =>
        "{\"checks\":[" + string.Join(",", checks.Select(c => $"{{\"name\":\"{c.Name}\",\"passed\":{(c.Passed ? "true" : "false")},\"findings\":[\"{c.Name} evidence\"]}}")) + "]}";

    [Fact]
    public void Only_checks_whose_state_changed_and_new_and_removed_checks_are_reported()
    {
        var before = Checks(("a", true), ("b", false), ("c", true), ("gone", true));
        var after = Checks(("a", true), ("b", true), ("c", false), ("new", false));

        var changes = ChecksDiff.Compare(before, after);

        Assert.Equal(
            [
                ("b", CheckChangeKind.Fixed, (bool?)false, (bool?)true),
                ("c", CheckChangeKind.Broken, true, false),
                ("new", CheckChangeKind.Added, null, false),
                ("gone", CheckChangeKind.Removed, true, null),
            ],
            changes.Select(c => (c.Name, c.Kind, c.BasePassed, c.HeadPassed)));
        Assert.Equal(["c evidence"], changes[1].HeadFindings);
    }

    [Fact]
    public void The_same_checks_have_no_changes() =>
        Assert.Empty(ChecksDiff.Compare(Checks(("a", true), ("b", false)), Checks(("a", true), ("b", false))));
}
