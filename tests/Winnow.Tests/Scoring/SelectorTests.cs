using Winnow.Scoring;

namespace Winnow.Tests.Scoring;

public class SelectorTests
{
    [Theory]
    [InlineData(10, 0.3, 3)]
    [InlineData(5, 0.5, 3)]
    [InlineData(7, 1.0, 7)]
    [InlineData(1000, 0.001, 1)]
    public void KeptCountIsRoundedNTimesF(int n, double f, int expected) => Assert.Equal(expected, KeptFraction.Count(n, f));

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void FractionOutsideZeroOneIsRefused(double f)
    {
        var error = Assert.Throws<WinnowException>(() => KeptFraction.Count(10, f));
        Assert.Contains("outside (0, 1]", error.Message);
    }

    [Fact]
    public void RankSelectorKeepsTheRequestedEndWithIndexTieBreak()
    {
        var high = new SampleScores("t", [0.1f, 0.9f, 0.5f, 0.9f, 0.2f], KeepDirection.High);
        Assert.Equal([1, 3], RankSelector.Select(high, 0.4));
        var low = high with { Keep = KeepDirection.Low };
        Assert.Equal([0, 4], RankSelector.Select(low, 0.4));
    }

    [Fact]
    public void ClassBalanceKeepsTheSameFractionOfEveryClass()
    {
        // class 0: samples 0–5, class 1: samples 6–9; keep 50% → 3 of class 0, 2 of class 1.
        int[] labels = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1];
        var scores = new SampleScores("t", [1, 2, 3, 4, 5, 6, 0.1f, 0.4f, 0.3f, 0.2f], KeepDirection.High);
        Assert.Equal([3, 4, 5, 7, 8], RankSelector.Select(scores, 0.5, labels, balance: true));
        // Unbalanced, class 1 loses everything.
        Assert.Equal([1, 2, 3, 4, 5], RankSelector.Select(scores, 0.5));
    }

    [Fact]
    public void ApportionAddsUpExactly()
    {
        Assert.Equal([2, 1, 1], KeptFraction.Apportion([5, 3, 2], 4));
        Assert.Equal([3, 2], KeptFraction.Apportion([6, 4], 5));
        Assert.Equal(7, KeptFraction.Apportion([3, 3, 3], 7).Sum());
    }

    [Fact]
    public void CcsBudgetsFillSmallStrataFirstThenShareTheRest()
    {
        // sizes 1, 10, 4, 20 with budget 16: visit 1 → min(1, 16/4=4)=1; 4 → min(4, 15/3=5)=4;
        // 10 → min(10, 11/2=5)=5; 20 → min(20, 6/1)=6.
        Assert.Equal([1, 5, 4, 6], CoverageCentricSelector.Budgets([1, 10, 4, 20], 16));
    }

    [Fact]
    public void CcsDropsTheHardestThenCoversTheRange()
    {
        // 100 samples with hardness 0..99; drop the hardest 20%, keep 30 from 0..79 spread over 4 strata of 20.
        var hardness = Enumerable.Range(0, 100).Select(i => (float)i).ToArray();
        var kept = CoverageCentricSelector.Select(hardness, 0.3, misRatio: 0.2, strata: 4, seed: 5);
        Assert.Equal(30, kept.Length);
        Assert.All(kept, i => Assert.True(i < 80));
        var perStratum = kept.GroupBy(i => i / 20).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(4, perStratum.Count);
        Assert.All(perStratum.Values, c => Assert.InRange(c, 7, 8));
        Assert.Equal(kept, CoverageCentricSelector.Select(hardness, 0.3, misRatio: 0.2, strata: 4, seed: 5));
    }
}
