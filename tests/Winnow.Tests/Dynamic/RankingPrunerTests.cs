using Winnow.Dynamic;
using static Winnow.Tests.Dynamic.DynamicTestSupport;

namespace Winnow.Tests.Dynamic;

public class RankingPrunerTests
{
    [Fact]
    public void UcbKeepsTheTopByMeanPlusCTimesVariance()
    {
        // α = 0.5, c = 1. Epoch 0 losses x0, epoch 1 losses x1:
        // μ1 = (x0 + x1)/2, σ² = 0.5·(x1 − x0)². Sample 0: 1 → 1 (μ 1, σ² 0, score 1);
        // sample 1: 0 → 2 (μ 1, σ² 2, score 3); sample 2: 2 → 2 (score 2); sample 3: 0 → 0 (score 0).
        var pruner = new UcbPruner(4, new DynamicOptions { PruneRatio = 0.5, EmaAlpha = 0.5, UcbC = 1 }, 0);
        var plan0 = pruner.Plan(0, 5);
        Assert.Equal(4, plan0.Count);
        Report(pruner, 0, plan0, i => new[] { 1f, 0f, 2f, 0f }[i]);
        Report(pruner, 1, plan0, i => new[] { 1f, 2f, 2f, 0f }[i]);
        Assert.Equal([1f, 3f, 2f, 0f], pruner.Scores());
        Assert.Equal([1, 2], pruner.Plan(2, 5).Indices);
    }

    [Fact]
    public void EpsilonGreedyTakesTheTopThenExploresTheRest()
    {
        // K = round(0.5·10) = 5, ε = 0.4: the top round(0.6·5) = 3 by EMA, plus 2 at random from the other 7.
        var pruner = new EpsilonGreedyPruner(10, new DynamicOptions { PruneRatio = 0.5, Epsilon = 0.4 }, 2);
        Report(pruner, 0, pruner.Plan(0, 5), i => i);
        var plan = pruner.Plan(1, 5);
        Assert.Equal(5, plan.Count);
        Assert.Subset(plan.Indices.ToHashSet(), new HashSet<int> { 7, 8, 9 });
        Assert.Equal(2, plan.Indices.Count(i => i < 7));
    }

    [Fact]
    public void UniformKeepsAFreshRandomFractionEachEpoch()
    {
        var pruner = new UniformPruner(100, new DynamicOptions { PruneRatio = 0.3 }, 5);
        var a = pruner.Plan(0, 3).Indices;
        var b = pruner.Plan(1, 3).Indices;
        Assert.Equal(70, a.Length);
        Assert.NotEqual(a, b);
        Assert.Equal(a, new UniformPruner(100, new DynamicOptions { PruneRatio = 0.3 }, 5).Plan(0, 3).Indices);
    }

    [Fact]
    public void ReferenceSamplesAreAlwaysTrainedOn()
    {
        var signal = new AlignmentSignal(20, [0, 1], window: 3);
        var pruner = new UniformPruner(20, new DynamicOptions { PruneRatio = 0.9 }, 1, signal);
        for (var e = 0; e < 5; e++)
        {
            var plan = pruner.Plan(e, 5);
            Assert.Contains(0, plan.Indices);
            Assert.Contains(1, plan.Indices);
            Report(pruner, e, plan, i => 1f / (e + 1) + i);
        }
    }

    [Fact]
    public void UnknownPrunerIsNamed()
    {
        var error = Assert.Throws<WinnowException>(() => DynamicPruners.Create("greedy", 10, new DynamicOptions(), 0));
        Assert.Equal("unknown dynamic pruner 'greedy'; known: uniform, infobatch, ucb, epsilon-greedy", error.Message);
    }
}
