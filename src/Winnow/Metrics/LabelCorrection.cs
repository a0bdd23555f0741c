using Winnow.Data;

namespace Winnow.Metrics;

/// <summary>
/// Label correction, the measure of re-labeling learners (SOP+, DivideMix): of the training
/// samples trained on whose label is wrong, how many the final model assigns to their true
/// class. Reported for every learner, so plain CE gives the baseline it is compared with.
/// </summary>
public sealed record LabelCorrection(int NoisyTrained, int Corrected)
{
    /// <summary>Null when no wrongly labelled sample was trained on (clean labels): there is nothing to correct.</summary>
    public double? Accuracy => NoisyTrained == 0 ? null : Corrected / (double)NoisyTrained;

    /// <param name="predict">The model's predicted class for each of the given training rows.</param>
    /// <returns>Null when the clean labels are unknown.</returns>
    public static LabelCorrection? Measure(SampleSet train, IReadOnlyList<int> trained, Func<int[], int[]> predict)
    {
        if (train.CleanLabels is not { } clean || train.NoisyMask is not { } noisy) return null;
        var rows = trained.Where(i => noisy[i]).ToArray();
        if (rows.Length == 0) return new LabelCorrection(0, 0);
        var predicted = predict(rows);
        var corrected = rows.Where((row, k) => predicted[k] == clean[row]).Count();
        return new LabelCorrection(rows.Length, corrected);
    }
}
