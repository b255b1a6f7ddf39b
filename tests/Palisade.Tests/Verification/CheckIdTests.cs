using System.Text.Json;
using Palisade.Infra.Checks;
using Palisade.Infra.Synthesis;

namespace Palisade.Tests.Verification;

public class CheckIdTests
{
    [Fact]
    public void Every_check_of_a_stack_has_a_registered_id_of_its_own()
    {
        var ids = StackFixtures.Voting().Checks.Select(c => c.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Contains(id, CheckIds.All));
        Assert.Equal(CheckIds.All.Count, CheckIds.All.Distinct().Count());
    }

    [Fact]
    public void The_checks_report_carries_each_check_by_id()
    {
        var result = StackFixtures.Voting();

        using var report = JsonDocument.Parse(result.Files[ChecksJsonRenderer.File]);

        Assert.Equal(
            result.Checks.Select(c => c.Id.Value),
            report.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("Default deny")]
    [InlineData("default_deny")]
    [InlineData("-deny")]
    [InlineData("")]
    public void An_id_is_kebab_case(string text) => Assert.Throws<ArgumentException>(() => CheckId.Of(text));

    [Fact]
    public void Ids_are_compared_by_value() => Assert.Equal(CheckIds.DnsReachable, CheckId.Of("dns-reachable"));
}
