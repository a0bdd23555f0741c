using Winnow.Dynamic;
using Winnow.Metrics;
using Winnow.Runs;

namespace Winnow.Experiments;

/// <summary>The metrics every kind of grid run shares, read from a finished training run.</summary>
public static class RunMeasures
{
    public static RunMetrics Common(TrainRunResult run, TrainMetrics metrics)
    {
        var noisy = run.Data.Train.NoisyMask;
        var noisyTotal = noisy?.Count(n => n);
        var perEpoch = run.Epochs.Select(e => e.NoisyTrainedOn).ToArray();
        var known = perEpoch.All(n => n is not null);
        var samples = run.Epochs.Sum(e => (long)e.Samples);
        return new RunMetrics
        {
            TestAccuracy = metrics.TestAccuracy,
            Epochs = metrics.Epochs,
            TrainSize = metrics.TrainSize,
            NoiseRate = metrics.NoiseRate,
            WallSeconds = metrics.WallSeconds,
            TrainSeconds = metrics.TrainSeconds,
            SamplesBackpropagated = metrics.SamplesBackpropagated,
            FractionOfFullTraining = metrics.FractionOfFullTraining,
            ComputeFraction = metrics.FractionOfFullTraining,
            NoisyTotal = noisyTotal,
            NoisyKeptFraction = known && noisyTotal > 0 ? perEpoch.Average(n => n!.Value) / noisyTotal.Value : null,
            NoisyShareTrained = known && samples > 0 ? perEpoch.Sum(n => (long)n!.Value) / (double)samples : null,
            LabelCorrectionAccuracy = metrics.LabelCorrectionAccuracy,
            Learner = metrics.Learner,
            KdAlpha = metrics.KdAlpha,
        };
    }

    /// <summary>AUROC of each sample's last training loss for flagging its label as wrong (high loss = flagged).</summary>
    public static double? LastLossAuroc(TrainRunResult run)
    {
        if (run.Trajectory is not { } trajectory) return null; // DivideMix keeps no single-model trajectory
        var last = new float[trajectory.SampleCount];
        Array.Fill(last, float.NaN);
        for (var e = trajectory.Epochs - 1; e >= 0; e--)
        {
            var losses = trajectory.LossesAt(e);
            for (var i = 0; i < last.Length; i++)
            {
                if (float.IsNaN(last[i]) && float.IsFinite(losses[i])) last[i] = losses[i];
            }
        }
        var finite = last.Where(float.IsFinite).ToArray();
        var neutral = finite.Length == 0 ? 0f : finite.Average();
        for (var i = 0; i < last.Length; i++)
        {
            if (!float.IsFinite(last[i])) last[i] = neutral; // never trained on: no evidence either way
        }
        return Auroc(last, run.Data.Train.NoisyMask);
    }

    /// <summary>AUROC of −DAS (AlignPrune's final alignment scores; low alignment = flagged).</summary>
    public static double? DasAuroc(AlignmentSignal signal, bool[]? noisy) =>
        Auroc(signal.Scores().Select(s => float.IsFinite(s) ? -s : 0f).ToArray(), noisy);

    /// <summary>NaN (no noisy or no clean sample) becomes null, which JSON and the report show as "does not apply".</summary>
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static double? Auroc(float[] scores, bool[]? noisy) => noisy is null ? null : Finite(Metrics.Auroc.Compute(scores, noisy));
}
