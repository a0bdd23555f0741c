using Winnow.Scoring;

namespace Winnow.Metrics;

/// <summary>
/// How a selection treats the mislabeled samples, when the clean labels are known: how many it
/// keeps, and how well its ordering finds them. <see cref="PrunedFirstAuroc"/> is the AUROC of
/// "pruned before" (the reverse of the keep order) for flagging a noisy label: 1 means the method
/// drops every noisy sample before any clean one, 0.5 chance, below 0.5 it prefers noisy samples.
/// </summary>
public sealed record NoiseDetection(int NoisyTotal, int NoisyKept, double NoisyKeptFraction, double PrunedFirstAuroc)
{
    public static NoiseDetection? Measure(CoresetSelection selection, bool[]? noisy)
    {
        if (noisy is null) return null;
        var total = noisy.Count(x => x);
        var kept = selection.Kept.Count(i => noisy[i]);
        var prunedFirst = selection.Scores.KeepPriority().Select(v => -v).ToArray();
        return new NoiseDetection(total, kept, selection.Kept.Length == 0 ? 0 : kept / (double)selection.Kept.Length,
            Auroc.Compute(prunedFirst, noisy));
    }
}
