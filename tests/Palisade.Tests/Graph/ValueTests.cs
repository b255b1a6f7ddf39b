using Palisade.Components.Graph;

namespace Palisade.Tests.Graph;

public class ValueTests
{
    [Fact]
    public void Maps_and_lists_compare_by_content()
    {
        MapValue a = new MapBuilder { { "b", 1 }, { "a", ListValue.Of("x", "y") } };
        MapValue b = new MapBuilder { { "a", ListValue.Of("x", "y") }, { "b", 1 } };

        Assert.Equal(a, b);
        Assert.NotEqual(a, (MapValue)new MapBuilder { { "a", ListValue.Of("y", "x") }, { "b", 1 } });
    }

    [Fact]
    public void Map_keys_are_kept_in_ordinal_order()
    {
        MapValue map = new MapBuilder { { "b", 1 }, { "B", 2 }, { "a", 3 } };
        Assert.Equal(["B", "a", "b"], map.Entries.Keys);
    }

    [Fact]
    public void Null_values_are_skipped_and_duplicates_rejected()
    {
        var builder = new MapBuilder { { "a", null }, { "b", "x" } };
        Assert.Equal(["b"], builder.Build().Entries.Keys);
        Assert.Throws<InvalidOperationException>(() => builder.Add("b", "y"));
    }
}
