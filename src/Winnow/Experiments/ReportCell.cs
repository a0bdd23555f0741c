namespace Winnow.Experiments;

/// <summary>
/// One line of a grid report: an arm at one kept fraction under one noise setting on one
/// dataset, each metric averaged over the seeds finished (<see cref="Finished"/> of
/// <see cref="Planned"/>).
/// </summary>
/// <param name="Fraction">The kept fraction; null for full-data and dynamic arms.</param>
/// <param name="WallVsFull">Wall-clock relative to the full-data run of the same data and seed, when that run finished.</param>
/// <param name="DasWhilePruning">The −DAS detection AUROC averaged over the epochs that pruned (<see cref="Detection.DetectionCurve.MeanWhilePruning"/>).</param>
public sealed record ReportCell(
    string Dataset,
    string Noise,
    string Arm,
    string Kind,
    double? Fraction,
    int Planned,
    int Finished,
    MeanStd Accuracy,
    MeanStd? WallVsFull,
    MeanStd Backprop,
    MeanStd Compute,
    MeanStd? NoisyKept,
    MeanStd? NoisyShare,
    MeanStd? Auroc,
    string? DetectionScore,
    MeanStd? LabelCorrection,
    MeanStd? DasWhilePruning = null)
{
    /// <summary>Where plots put it on the kept-fraction axis: the fraction, 1 for full data, and the measured fraction of full training for a dynamic pruner.</summary>
    public double PlotFraction => Fraction ?? (Kind == "full" ? 1 : Backprop.Mean);
}
