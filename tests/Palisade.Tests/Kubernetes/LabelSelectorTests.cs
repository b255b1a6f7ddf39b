using Palisade.Components.Kubernetes;

namespace Palisade.Tests.Kubernetes;

public class LabelSelectorTests
{
    [Fact]
    public void Selectors_with_the_same_labels_and_expressions_are_equal()
    {
        var a = new LabelSelector(Labels.Of(("b", "2"), ("a", "1")), [new LabelSelectorRequirement("tier", SelectorOperator.In, ["api", "web"])]);
        var b = new LabelSelector(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }, [new LabelSelectorRequirement("tier", SelectorOperator.In, ["api", "web"])]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(new NetworkPolicyPeer(a, LabelSelector.Everything), new NetworkPolicyPeer(b, LabelSelector.WithLabels()));
    }

    [Fact]
    public void Selectors_that_select_differently_are_not_equal()
    {
        var a = LabelSelector.WithLabels(("a", "1"));

        Assert.NotEqual(a, LabelSelector.WithLabels(("a", "2")));
        Assert.NotEqual(a, LabelSelector.WithLabels(("a", "1"), ("b", "1")));
        Assert.NotEqual(a, new LabelSelector(a.MatchLabels, [new LabelSelectorRequirement("x", SelectorOperator.Exists, [])]));
        Assert.NotEqual(
            new LabelSelectorRequirement("x", SelectorOperator.In, ["1"]),
            new LabelSelectorRequirement("x", SelectorOperator.NotIn, ["1"]));
    }
}
