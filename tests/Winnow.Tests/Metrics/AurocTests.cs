using Winnow.Metrics;
using Winnow.Scoring;

namespace Winnow.Tests.Metrics;

public class AurocTests
{
    [Fact]
    public void CountsOrderedPairsWithTiesAsHalf()
    {
        // Positives 0.9, 0.5; negatives 0.5, 0.1: pairs (0.9>0.5) (0.9>0.1) (0.5=0.5 → ½) (0.5>0.1) = 3.5 / 4.
        Assert.Equal(0.875, Auroc.Compute([0.9f, 0.5f, 0.5f, 0.1f], [true, true, false, false]), 12);
        Assert.Equal(1.0, Auroc.Compute([3f, 2f, 1f], [true, false, false]));
        Assert.Equal(0.0, Auroc.Compute([3f, 2f, 1f], [false, false, true]));
        Assert.True(double.IsNaN(Auroc.Compute([1f, 2f], [true, true])));
    }

    [Fact]
    public void NoiseDetectionReadsThePruningOrder()
    {
        // Keep-high scores: the noisy sample 2 has the lowest, so it is pruned first: AUROC 1.
        var selection = new CoresetSelection("t", [0, 1], new SampleScores("t", [0.9f, 0.8f, 0.1f], KeepDirection.High));
        var detection = NoiseDetection.Measure(selection, [false, false, true])!;
        Assert.Equal(1, detection.NoisyTotal);
        Assert.Equal(0, detection.NoisyKept);
        Assert.Equal(1.0, detection.PrunedFirstAuroc);
        Assert.Null(NoiseDetection.Measure(selection, null));
    }
}
