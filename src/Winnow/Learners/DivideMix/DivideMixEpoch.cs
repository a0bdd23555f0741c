namespace Winnow.Learners.DivideMix;

/// <summary>
/// What one DivideMix epoch did, beyond the common <see cref="Training.EpochSummary"/>: whether
/// it was warm-up, how each network's training set was split, and the parts of the loss.
/// </summary>
/// <param name="Loss">Mean per-step loss over both networks (cross-entropy in warm-up, else Lx + λu·Lu + penalty).</param>
/// <param name="TrainAccuracy">
/// Warm-up: share of training forward passes (augmented, train mode) that predicted the training
/// label. After: the same share on the unaugmented eval-mode pass that fed the loss split, averaged over both networks.
/// </param>
/// <param name="Splits">One per network (index 0 = first network), empty in warm-up.</param>
/// <param name="LambdaU">λu at the end of the epoch (0 in warm-up).</param>
/// <param name="LabeledLoss">Mean Lx over the MixMatch steps of both networks (null in warm-up).</param>
/// <param name="UnlabeledLoss">Mean Lu over the MixMatch steps that had unlabeled samples (null when none did).</param>
/// <param name="Penalty">Mean uniform-prior penalty over the MixMatch steps (null in warm-up).</param>
public sealed record DivideMixEpoch(
    int Epoch,
    bool WarmUp,
    double Loss,
    double TrainAccuracy,
    IReadOnlyList<DivideMixSplit> Splits,
    double LambdaU,
    double? LabeledLoss,
    double? UnlabeledLoss,
    double? Penalty,
    long SamplesForwarded,
    long SamplesBackpropagated,
    double Seconds)
{
    /// <summary>Share of the subset labeled, averaged over both networks' splits (null in warm-up).</summary>
    public double? LabeledFraction => Splits.Count == 0
        ? null
        : Splits.Average(s => s.Labeled / (double)Math.Max(1, s.Labeled + s.Unlabeled));
}

/// <summary>
/// How one network's training samples were divided this epoch (by the other network's losses).
/// </summary>
/// <param name="NoisyLabeled">Labeled samples whose training label is wrong (null when clean labels are unknown).</param>
/// <param name="Fallback">Why this network did not run the full MixMatch step this epoch, or null.</param>
public sealed record DivideMixSplit(int Labeled, int Unlabeled, int? NoisyLabeled, string? Fallback)
{
    /// <summary>One network's labeled samples with their clean probabilities, and its unlabeled samples.</summary>
    internal sealed record Samples(int[] Labeled, float[] Weights, int[] Unlabeled);
}
