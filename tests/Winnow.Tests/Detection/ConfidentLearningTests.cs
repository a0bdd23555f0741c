using Winnow.Detection;

namespace Winnow.Tests.Detection;

/// <summary>Confident learning on cases small enough to follow on paper (see each test's comments).</summary>
public class ConfidentLearningTests
{
    // Three classes, two samples each; sample 1 is labelled 0 but looks like class 1.
    private static readonly int[] Labels = [0, 0, 1, 1, 2, 2];
    private static readonly float[] Probabilities =
    [
        0.9f, 0.05f, 0.05f,
        0.2f, 0.7f, 0.1f,
        0.1f, 0.8f, 0.1f,
        0.1f, 0.6f, 0.3f,
        0.1f, 0.1f, 0.8f,
        0.2f, 0.2f, 0.6f,
    ];

    [Fact]
    public void ThresholdsAreEachClasssMeanSelfConfidence()
    {
        // t0 = (0.9 + 0.2) / 2, t1 = (0.8 + 0.6) / 2, t2 = (0.8 + 0.6) / 2.
        var t = ConfidentLearning.Thresholds(Labels, Probabilities, 3);
        Assert.Equal([0.55, 0.7, 0.7], t.Select(v => Math.Round(v, 6)));
    }

    [Fact]
    public void TheConfidentJointCountsSamplesAboveAThresholdAndCalibrationScalesRowsToLabelCounts()
    {
        // s0 → (0, 0); s1: only p1 = 0.7 reaches t1 → (0, 1); s2 → (1, 1); s3: 0.6 < 0.7, none → left out;
        // s4 → (2, 2); s5: none. Calibrated: row 1 [0, 1, 0] scaled to its 2 labels → [0, 2, 0]; row 2 likewise.
        var issues = ConfidentLearning.Find(Labels, Probabilities, 3);
        Assert.Equal(new[,] { { 1, 1, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, issues.ConfidentJoint);
        Assert.Equal(new[,] { { 1, 1, 0 }, { 0, 2, 0 }, { 0, 0, 2 } }, issues.CalibratedJoint);
        Assert.Equal(1.0 / 6, issues.NoiseRate, 12);
        Assert.Equal([0.5, 0, 0], issues.ClassNoiseRates);
    }

    [Theory]
    [InlineData(IssueFilter.PruneByNoiseRate)]
    [InlineData(IssueFilter.PruneByClass)]
    [InlineData(IssueFilter.Both)]
    public void EachFilterFlagsTheSampleTheJointSaysIsWrong(IssueFilter filter)
    {
        // Noise rate: cell (given 0, true 1) = 1 → the sample labelled 0 with the largest p1 − p0 (s1).
        // By class: class 0 has 2 labels, 1 on the diagonal → its 1 lowest p0 (s1).
        var issues = ConfidentLearning.Find(Labels, Probabilities, 3, filter);
        Assert.Equal([false, true, false, false, false, false], issues.IsIssue);
        Assert.Equal([0, 1, 1, 1, 2, 2], issues.SuggestedLabels);
    }

    [Fact]
    public void AClassNoSampleHasGetsAThresholdNeverReachedAndADiagonalOfOne()
    {
        int[] labels = [0, 0, 1];
        float[] probabilities = [0.6f, 0.2f, 0.2f, 0.5f, 0.1f, 0.4f, 0.3f, 0.6f, 0.1f];
        var t = ConfidentLearning.Thresholds(labels, probabilities, 3);
        Assert.Equal(2, t[2]);
        var joint = ConfidentLearning.ConfidentJoint(labels, probabilities, 3, t);
        Assert.Equal(1, joint[2, 2]);
    }

    [Fact]
    public void WhenSeveralClassesPassTheArgMaxIsTheGuess()
    {
        // t0 = (0.5 + 0.3) / 2 = 0.4, t1 = 0.3: sample 0 passes both, its arg-max is class 0; sample 1 passes class 1 only.
        int[] labels = [0, 0, 1];
        float[] probabilities = [0.5f, 0.5f, 0.3f, 0.7f, 0.7f, 0.3f];
        var t = ConfidentLearning.Thresholds(labels, probabilities, 2);
        var joint = ConfidentLearning.ConfidentJoint(labels, probabilities, 2, t);
        // Sample 0: 0.5 = 0.5, the first class wins; sample 2 (label 1, p1 0.3 ≥ t1 0.3; p0 0.7 ≥ 0.4) → arg-max 0.
        Assert.Equal(new[,] { { 1, 1 }, { 1, 1 } }, joint);
    }

    [Fact]
    public void CalibrationRoundsEachRowKeepingItsTotal()
    {
        // Row 0: [3, 1] scaled to 5 labels = [3.75, 1.25] → [4, 1]. Row 1: [1, 1] scaled to 3 = [1.5, 1.5],
        // rounded half to even [2, 2] sums to 4, one too many: the first of the equal errors gives one back.
        var calibrated = ConfidentLearning.Calibrate(new[,] { { 3, 1 }, { 1, 1 } }, [5, 3]);
        Assert.Equal(new[,] { { 4, 1 }, { 1, 2 } }, calibrated);
    }

    [Fact]
    public void RoundingPreservesTheSumAsCleanlabDoes()
    {
        Assert.Equal([0, 1, 1], ConfidentLearning.RoundPreservingSum([0.5, 0.5, 1.0]));
        Assert.Equal([1, 2, 1], ConfidentLearning.RoundPreservingSum([1.4, 1.4, 1.2]));
        Assert.Equal([2, 3], ConfidentLearning.RoundPreservingSum([2.2, 2.8]));
    }

    [Fact]
    public void ASampleWhoseModelAgreesWithItsLabelIsNeverAnIssue()
    {
        // A tie between the given label and another class resolves for the given label.
        int[] labels = [1, 1, 0, 0];
        float[] probabilities = [0.5f, 0.5f, 0.1f, 0.9f, 0.9f, 0.1f, 0.2f, 0.8f];
        var issues = ConfidentLearning.Find(labels, probabilities, 2, IssueFilter.PruneByClass);
        Assert.False(issues.IsIssue[0]);
        Assert.True(issues.IsIssue[3]);
    }

    [Fact]
    public void LabelQualityScoresFollowCleanlabsFormulas()
    {
        int[] labels = [0, 1];
        float[] probabilities = [0.5f, 0.5f, 0.2f, 0.8f];
        Assert.Equal([0.5, 0.8], LabelQuality.Compute(LabelQualityMethod.SelfConfidence, labels, probabilities, 2).Select(v => Math.Round(v, 6)));
        // (p_given − max other + 1) / 2: (0.5 − 0.5 + 1) / 2, (0.8 − 0.2 + 1) / 2.
        Assert.Equal([0.5, 0.8], LabelQuality.Compute(LabelQualityMethod.NormalizedMargin, labels, probabilities, 2).Select(v => Math.Round(v, 6)));
        // Sample 0: H = 1, ratio 1 / 0.5 = 2 → ln 3 / 2.
        var weighted = LabelQuality.Compute(LabelQualityMethod.ConfidenceWeightedEntropy, labels, probabilities, 2);
        Assert.Equal(Math.Log(3) / 2, weighted[0], 6);
    }

    [Fact]
    public void ProbabilitiesThatDoNotFitAreOneClearError()
    {
        var shape = Assert.Throws<WinnowException>(() => ConfidentLearning.Find([0, 1], [0.5f, 0.5f, 1f], 2));
        Assert.Contains("hold 3 values but 2 samples × 2 classes need 4", shape.Message);
        var range = Assert.Throws<WinnowException>(() => ConfidentLearning.Find([0, 1], [0.5f, 0.5f, 1.5f, -0.5f], 2));
        Assert.Contains("is not in [0, 1]", range.Message);
    }
}
