using Winnow.Settings;
using Winnow.Dynamic;
using static Winnow.Tests.Dynamic.DynamicTestSupport;

namespace Winnow.Tests.Dynamic;

public class InfoBatchPrunerTests
{
    // Losses 0..9 for samples 0..9: mean 4.5, so samples 0–4 are the below-mean candidates.
    private static float Loss(int i) => i;

    [Fact]
    public void FirstEpochIsFullDataBecauseEveryScoreStartsEqual()
    {
        var pruner = new InfoBatchPruner(10, new DynamicOptions { PruneRatio = 0.4 }, 1);
        var plan = pruner.Plan(0, 8);
        Assert.Equal(Enumerable.Range(0, 10), plan.Indices);
        Assert.All(plan.Weights!, w => Assert.Equal(1f, w));
    }

    [Fact]
    public void PrunesRatioOfBelowMeanCandidatesAndUpweightsTheRest()
    {
        var pruner = new InfoBatchPruner(10, new DynamicOptions { PruneRatio = 0.4 }, 1);
        Report(pruner, 0, pruner.Plan(0, 8), Loss);

        var plan = pruner.Plan(1, 8);
        // 5 candidates, keep round(0.6·5) = 3 of them at weight 1/0.6; samples 5–9 always, weight 1.
        Assert.Equal(8, plan.Count);
        Assert.Subset(plan.Indices.ToHashSet(), new HashSet<int> { 5, 6, 7, 8, 9 });
        var keptCandidates = plan.Indices.Where(i => i < 5).ToArray();
        Assert.Equal(3, keptCandidates.Length);
        for (var k = 0; k < plan.Count; k++)
            Assert.Equal(plan.Indices[k] < 5 ? 1 / 0.6f : 1f, plan.Weights![k], 5);
    }

    [Fact]
    public void PrunedSamplesKeepTheirOldScore()
    {
        var pruner = new InfoBatchPruner(10, new DynamicOptions { PruneRatio = 0.4 }, 1);
        Report(pruner, 0, pruner.Plan(0, 8), Loss);
        var plan = pruner.Plan(1, 8);
        Report(pruner, 1, plan, _ => 100f);
        for (var i = 0; i < 10; i++)
            Assert.Equal(plan.Indices.Contains(i) ? 100f : i, pruner.Scores[i]);
    }

    [Theory]
    [InlineData(8, 7)]   // ⌊0.875·8⌋ = 7
    [InlineData(10, 8)]  // ⌊8.75⌋ = 8: δ·E not an integer, where the reference leaks 1/(1 − r) weights
    public void AnnealsToFullDataAtWeightOneWithNoLeakedWeights(int epochs, int annealStart)
    {
        var pruner = new InfoBatchPruner(10, new DynamicOptions { PruneRatio = 0.5 }, 1);
        Assert.Equal(annealStart, pruner.AnnealStart(epochs));
        for (var e = 0; e < epochs; e++)
        {
            var plan = pruner.Plan(e, epochs);
            if (e >= annealStart)
            {
                Assert.Equal(10, plan.Count);
                Assert.All(plan.Weights!, w => Assert.Equal(1f, w));
            }
            else if (e > 0)
            {
                Assert.True(plan.Count < 10);
            }
            Report(pruner, e, plan, Loss);
        }
    }

    [Fact]
    public void ReweightingCanBeSwitchedOff()
    {
        var pruner = new InfoBatchPruner(10, new DynamicOptions { PruneRatio = 0.4, Reweight = false }, 1);
        Report(pruner, 0, pruner.Plan(0, 8), Loss);
        Assert.All(pruner.Plan(1, 8).Weights!, w => Assert.Equal(1f, w));
    }

    [Fact]
    public void SameSeedSameSubsets()
    {
        int[] Run(int seed)
        {
            var pruner = new InfoBatchPruner(50, new DynamicOptions { PruneRatio = 0.5 }, seed);
            Report(pruner, 0, pruner.Plan(0, 8), i => i % 7);
            return pruner.Plan(1, 8).Indices;
        }
        Assert.Equal(Run(3), Run(3));
        Assert.NotEqual(Run(3), Run(4));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void PruneRatioOutsideZeroOneIsRefused(double ratio)
    {
        var error = Assert.Throws<SettingException>(() => new InfoBatchPruner(10, new DynamicOptions { PruneRatio = ratio }, 0));
        Assert.Equal($"prune ratio must be in [0, 1) (got {ratio.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})", error.Message);
    }
}
