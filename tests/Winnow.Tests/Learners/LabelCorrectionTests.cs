using Winnow.Metrics;
using Winnow.Tests.Support;

namespace Winnow.Tests.Learners;

public class LabelCorrectionTests
{
    [Fact]
    public void CountsNoisyTrainedSamplesPredictedAsTheirTrueClass()
    {
        // Blobs label i as i % 3; samples 1, 4 and 7 get wrong labels.
        var noisy = Enumerable.Range(0, 9).Select(i => i % 3).ToArray();
        noisy[1] = 0;
        noisy[4] = 2;
        noisy[7] = 0;
        using var data = Synthetic.Blobs(9, noisyLabels: noisy);
        int[]? asked = null;
        // The "model" predicts the true class (1) for sample 1 but not for 7; sample 4 is not trained on.
        var correction = LabelCorrection.Measure(data, [0, 1, 2, 3, 5, 6, 7, 8], rows =>
        {
            asked = rows;
            return rows.Select(r => r == 1 ? 1 : 2).ToArray();
        })!;
        Assert.Equal(new[] { 1, 7 }, asked);
        Assert.Equal(2, correction.NoisyTrained);
        Assert.Equal(1, correction.Corrected);
        Assert.Equal(0.5, correction.Accuracy);
    }

    [Fact]
    public void IsUndefinedWhenNoWronglyLabelledSampleWasTrainedOn()
    {
        var noisy = Enumerable.Range(0, 6).Select(i => i % 3).ToArray();
        noisy[4] = 2;
        using var data = Synthetic.Blobs(6, noisyLabels: noisy);
        var correction = LabelCorrection.Measure(data, [0, 1, 2, 3, 5], rows => rows)!;
        Assert.Equal(0, correction.NoisyTrained);
        Assert.Null(correction.Accuracy);
    }
}
