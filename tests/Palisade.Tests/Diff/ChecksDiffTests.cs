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

    [Fact]
    public void A_reworded_check_is_matched_by_its_id()
    {
        const string before = """{"checks":[{"id":"dns-reachable","name":"DNS is reachable","passed":true,"findings":[]}]}""";
        const string after = """{"checks":[{"id":"dns-reachable","name":"Every app workload reaches DNS","passed":false,"findings":["x"]}]}""";

        var change = Assert.Single(ChecksDiff.Compare(before, after));

        Assert.Equal(("dns-reachable", CheckChangeKind.Broken), (change.Id, change.Kind));
    }

    [Fact]
    public void A_report_without_ids_is_matched_by_name()
    {
        const string before = """{"checks":[{"name":"DNS is reachable","passed":true,"findings":[]}]}""";
        const string after = """{"checks":[{"id":"dns-reachable","name":"DNS is reachable","passed":true,"findings":[]}]}""";

        Assert.Empty(ChecksDiff.Compare(before, after));
    }
}
