using Winnow.Dynamic;
using Winnow.Training;
using static Winnow.Tests.Dynamic.DynamicTestSupport;

namespace Winnow.Tests.Dynamic;

public class AlignmentTests
{
    [Fact]
    public void PearsonByHand()
    {
        // x = 1,2,3 ; y = 2,4,7: means 2, 13/3; dx = −1,0,1; dy = −7/3,−1/3,8/3;
        // Σdxdy = 5, Σdx² = 2, Σdy² = (49 + 1 + 64)/9 = 114/9 → r = 5/√(2·114/9) = 0.99339.
        Assert.Equal(5 / Math.Sqrt(2 * 114 / 9.0), AlignmentScore.Pearson([1, 2, 3], [2, 4, 7]), 12);
        Assert.Equal(-1, AlignmentScore.Pearson([1, 2, 3], [3, 2, 1]), 12);
    }

    [Fact]
    public void ConstantTrajectoriesScoreZeroNotNaN()
    {
        Assert.Equal(0, AlignmentScore.Pearson([2, 2, 2], [1, 2, 3]));
        Assert.Equal(0, AlignmentScore.Pearson([1, 2, 3], [5, 5, 5]));
        Assert.Equal(0, AlignmentScore.Pearson([4], [4]));
    }

    [Fact]
    public void FallsBackToLossUntilTheWindowIsFullThenScoresEverySample()
    {
        var signal = new AlignmentSignal(3, [0], window: 3);
        var plan = EpochPlan.All(3);
        // Reference (sample 0) falls 3, 2, 1; sample 1 falls alike; sample 2 rises.
        float[][] losses = [[3, 6, 1], [2, 4, 2], [1, 2, 3]];
        for (var e = 0; e < 3; e++)
        {
            var values = signal.Update(e, plan, new EpochResult(e, 0, losses[e], new bool[3], new float[3], 0, 0, 3, 3, 0));
            if (e < 2)
            {
                Assert.False(signal.Active);
                Assert.Equal(losses[e], values);
            }
            else
            {
                Assert.True(signal.Active && signal.ScaleChanged);
                Assert.Equal([1f, 1f, -1f], values);
            }
        }
    }

    [Fact]
    public void BadReferenceSetsAreRefused()
    {
        Assert.Contains("non-empty", Assert.Throws<WinnowException>(() => new AlignmentSignal(5, [])).Message);
        Assert.Contains("outside", Assert.Throws<WinnowException>(() => new AlignmentSignal(5, [7])).Message);
        Assert.Contains("at least 2", Assert.Throws<WinnowException>(() => new AlignmentSignal(5, [1], window: 1)).Message);
    }

    [Fact]
    public void DasSeparatesLateFallingNoisyLossesBetterThanTheLastLoss()
    {
        // Clean samples: loss decays early (like the reference). Noisy samples: loss stays high,
        // then falls late as the network memorises them, ending as low as many clean ones.
        var random = new Random(4);
        const int n = 200, epochs = 10;
        var noisy = Enumerable.Range(0, n).Select(i => i % 4 == 0).ToArray();
        var reference = Enumerable.Range(0, n).Where(i => !noisy[i]).Take(10).ToArray();
        var signal = new AlignmentSignal(n, reference, window: epochs);
        var plan = EpochPlan.All(n);
        float[] last = [];
        float[] das = [];
        for (var e = 0; e < epochs; e++)
        {
            var losses = Enumerable.Range(0, n).Select(i =>
            {
                var clean = (float)(2.0 * Math.Exp(-0.6 * e) + 0.3 * random.NextDouble());
                var memorised = (float)(e < 6 ? 2.3 - 0.02 * e : 2.2 - 0.7 * (e - 6)) + 0.3f * (float)random.NextDouble();
                return noisy[i] ? memorised : clean;
            }).ToArray();
            das = signal.Update(e, plan, new EpochResult(e, 0, losses, new bool[n], new float[n], 0, 0, n, n, 0));
            last = losses;
        }
        var dasAuroc = Winnow.Metrics.Auroc.Compute(das.Select(v => -v).ToArray(), noisy);
        var lossAuroc = Winnow.Metrics.Auroc.Compute(last, noisy);
        Assert.True(dasAuroc > 0.95, $"DAS AUROC {dasAuroc}");
        Assert.True(dasAuroc > lossAuroc + 0.1, $"DAS {dasAuroc} vs last loss {lossAuroc}");
    }

    [Fact]
    public void UcbRestartsItsAveragesWhenDasTakesOver()
    {
        var signal = new AlignmentSignal(4, [0], window: 2);
        var pruner = new UcbPruner(4, new DynamicOptions { PruneRatio = 0.5, EmaAlpha = 0.5, UcbC = 0 }, 0, signal);
        var plan = EpochPlan.All(4);
        Report(pruner, 0, plan, i => new[] { 2f, 2f, 0f, 5f }[i]);
        Report(pruner, 1, plan, i => new[] { 1f, 1f, 1f, 9f }[i]);
        // DAS after epoch 2: sample 1 falls like the reference (+1), 2 and 3 rise (−1). Means restart at DAS.
        Assert.Equal([1f, 1f, -1f, -1f], pruner.Scores());
    }
}
