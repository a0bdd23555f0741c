using Winnow.Data;

namespace Winnow.Tests.Data;

public class StratifiedSubsetTests
{
    [Fact]
    public void KeepsClassProportionsExactly()
    {
        var labels = Enumerable.Range(0, 1000).Select(i => i < 600 ? 0 : i < 900 ? 1 : 2).ToArray();
        var subset = StratifiedSubset.Choose(labels, 100, seed: 3);
        Assert.Equal(100, subset.Length);
        Assert.Equal(100, subset.Distinct().Count());
        Assert.Equal(60, subset.Count(i => labels[i] == 0));
        Assert.Equal(30, subset.Count(i => labels[i] == 1));
        Assert.Equal(10, subset.Count(i => labels[i] == 2));
        Assert.Equal(subset.Order(), subset);
    }

    [Fact]
    public void SameSeedSameSubsetOtherSeedOther()
    {
        var labels = Enumerable.Range(0, 500).Select(i => i % 5).ToArray();
        Assert.Equal(StratifiedSubset.Choose(labels, 50, 1), StratifiedSubset.Choose(labels, 50, 1));
        Assert.NotEqual(StratifiedSubset.Choose(labels, 50, 1), StratifiedSubset.Choose(labels, 50, 2));
    }

    [Fact]
    public void LargerThanTheDataIsAnError()
    {
        var error = Assert.Throws<WinnowException>(() => StratifiedSubset.Choose([0, 1, 0], 4, 0));
        Assert.Contains("only 3", error.Message);
    }
}
