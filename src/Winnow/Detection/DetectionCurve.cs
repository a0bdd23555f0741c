using Winnow.Dynamic;
using Winnow.Training;

namespace Winnow.Detection;

/// <summary>
/// How well three scores of one run flag the wrong labels after every epoch (AUROC of "higher =
/// more likely noisy", 0.5 = chance); null where it is undefined (fewer than 2 epochs for DAS, no
/// reference set, no noisy or no clean sample).
/// </summary>
/// <param name="Epoch">1-based, as the epoch log and epochs.csv number them.</param>
/// <param name="PruningActive">The epoch trained on fewer than all samples.</param>
public sealed record DetectionPoint(int Epoch, double LearningRate, double? AurocDas, double? AurocLoss, double? AurocMeanLoss, bool PruningActive);

/// <summary>
/// The detection AUROC of a training run after every epoch, from its trajectory: −DAS (each
/// sample's last N losses it was trained on against the trusted reference set's mean loss at the
/// same epochs, as <see cref="AlignmentSignal"/> computes it, from 2 epochs on), the most recent
/// loss, and the running mean loss. DAS read only at the end is read after annealing, at a learning
/// rate near 0, when the noisy samples are memorised; the curve shows it where the pruner acts.
/// Measurement only: it reads the recorded trajectory after training and draws no random number.
/// A sample not trained on yet has no evidence either way: its last and mean loss are the mean over
/// the samples that have one, its DAS 0 (as the signal scores a bank of fewer than two losses). A
/// reference set drawn for measurement alone is not always trained on: the reference mean of an
/// epoch is over the reference samples trained in it, and an epoch with none leaves every DAS.
/// Cost per epoch: O(N·N_window) for DAS plus three O(N log N) AUROCs.
/// </summary>
public static class DetectionCurve
{
    /// <param name="epochs">The run's epoch log, aligned with the trajectory's epochs (learning rate, samples trained).</param>
    /// <param name="reference">Trusted samples for DAS; null: DAS is not measured.</param>
    public static IReadOnlyList<DetectionPoint> Compute(TrainingTrajectory trajectory, IReadOnlyList<bool> noisy, IReadOnlyList<EpochSummary> epochs,
        IReadOnlyList<int>? reference, int window)
    {
        if (noisy.Count != trajectory.SampleCount) throw new ArgumentException("one noisy flag per sample is needed", nameof(noisy));
        if (epochs.Count != trajectory.Epochs) throw new ArgumentException("one epoch summary per trajectory epoch is needed", nameof(epochs));
        if (window < 2) throw new WinnowException($"the DAS window must be at least 2 epochs (got {window})");
        var n = trajectory.SampleCount;
        var sorted = reference?.Order().ToArray();
        var last = Enumerable.Repeat(float.NaN, n).ToArray();
        var sum = new double[n];
        var count = new int[n];
        // Each sample's last `window` losses trained on, in a ring, with the epoch of each.
        var bankLoss = new float[(long)n * window];
        var bankEpoch = new int[(long)n * window];
        var banked = new int[n];
        var referenceMean = new List<double>();
        var own = new double[window];
        var matched = new double[window];
        var points = new List<DetectionPoint>(trajectory.Epochs);
        for (var e = 0; e < trajectory.Epochs; e++)
        {
            var losses = trajectory.LossesAt(e);
            for (var i = 0; i < n; i++)
            {
                var loss = losses[i];
                if (!float.IsFinite(loss)) continue;
                last[i] = loss;
                sum[i] += loss;
                count[i]++;
                var slot = (long)i * window + banked[i] % window;
                bankLoss[slot] = loss;
                bankEpoch[slot] = e;
                banked[i]++;
            }
            double? das = null;
            if (sorted is not null)
            {
                // Summed in ascending index order, as AlignmentSignal does, so both give the same DAS.
                var trained = sorted.Select(i => losses[i]).Where(float.IsFinite).ToArray();
                referenceMean.Add(trained.Length == 0 ? double.NaN : trained.Average(l => (double)l));
                if (e >= 1)
                {
                    var negated = new float[n];
                    for (var i = 0; i < n; i++)
                    {
                        var pairs = 0;
                        var held = Math.Min(banked[i], window);
                        var oldest = banked[i] - held; // oldest first, as the signal's queue holds them, so the sums add in the same order
                        for (var k = 0; k < held; k++)
                        {
                            var slot = (long)i * window + (oldest + k) % window;
                            var mean = referenceMean[bankEpoch[slot]];
                            if (double.IsNaN(mean)) continue;
                            own[pairs] = bankLoss[slot];
                            matched[pairs] = mean;
                            pairs++;
                        }
                        negated[i] = -(float)AlignmentScore.Pearson(new ArraySegment<double>(own, 0, pairs), new ArraySegment<double>(matched, 0, pairs));
                    }
                    das = Auroc(negated, noisy);
                }
            }
            var means = sum.Select((s, i) => count[i] > 0 ? (float)(s / count[i]) : float.NaN).ToArray();
            var summary = epochs[e];
            points.Add(new DetectionPoint(e + 1, summary.LearningRate, das, Auroc(Neutral(last), noisy), Auroc(Neutral(means), noisy), summary.Samples < n));
        }
        return points;
    }

    /// <summary>
    /// A score's AUROC averaged over the epochs that pruned (null when none did, or where it is
    /// undefined): how well the score told the wrong labels apart while a pruner could act on it —
    /// for InfoBatch from its second epoch to annealing, not the final, memorised epochs.
    /// </summary>
    public static double? MeanWhilePruning(IReadOnlyList<DetectionPoint>? curve, Func<DetectionPoint, double?> score)
    {
        var values = (curve ?? []).Where(p => p.PruningActive).Select(score).OfType<double>().ToArray();
        return values.Length == 0 ? null : values.Average();
    }

    /// <summary>The values, each missing one (never trained on) replaced by the mean of the others.</summary>
    private static float[] Neutral(float[] values)
    {
        var known = values.Where(float.IsFinite).ToArray();
        var neutral = known.Length == 0 ? 0f : known.Average();
        return values.Select(v => float.IsFinite(v) ? v : neutral).ToArray();
    }

    private static double? Auroc(float[] scores, IReadOnlyList<bool> noisy)
    {
        var value = Metrics.Auroc.Compute(scores, noisy);
        return double.IsFinite(value) ? value : null;
    }
}
