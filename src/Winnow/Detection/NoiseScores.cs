using Winnow.Dynamic;
using Winnow.Scoring;
using Winnow.Training;

namespace Winnow.Detection;

/// <summary>
/// Scores for flagging mislabeled samples after one training run, each oriented so that larger
/// means "more likely noisy": the last epoch's loss, the mean loss over all epochs, EL2N of the
/// final model, −AUM, forgetting events, and −DAS (AlignPrune: Pearson of each sample's last N losses with the trusted
/// reference set's mean loss over the same epochs).
/// </summary>
public static class NoiseScores
{
    public static IReadOnlyList<string> Names { get; } = ["das", "loss", "mean-loss", "el2n", "aum", "forgetting"];

    /// <param name="reference">Trusted samples; needed for "das" only.</param>
    public static float[] Compute(string name, Trainer trainer, Data.SampleSet train, IReadOnlyList<int>? reference, int dasWindow)
    {
        var trajectory = trainer.Trajectory ?? throw new WinnowException($"the {trainer.Learner.Name} learner keeps no per-sample record to detect noisy labels from");
        return name switch
        {
            "loss" => trajectory.LossesAt(trajectory.Epochs - 1).ToArray(),
            "mean-loss" => MeanLoss(trajectory),
            "el2n" => ProbabilityScores.El2n(trainer.Predict(train).Probabilities, train.Labels, train.ClassCount),
            "aum" => TrajectoryScores.AreaUnderMargin(trajectory).Select(v => -v).ToArray(),
            "forgetting" => TrajectoryScores.Forgetting(trajectory),
            "das" => NegativeDas(trajectory, reference ?? throw new WinnowException("the das score needs a trusted reference set"), dasWindow),
            _ => throw new WinnowException($"unknown score '{name}'; known: {string.Join(", ", Names)}"),
        };
    }

    /// <summary>Each sample's loss averaged over the epochs it was trained in.</summary>
    private static float[] MeanLoss(TrainingTrajectory trajectory)
    {
        var sum = new double[trajectory.SampleCount];
        var count = new int[trajectory.SampleCount];
        for (var e = 0; e < trajectory.Epochs; e++)
        {
            var losses = trajectory.LossesAt(e);
            for (var i = 0; i < sum.Length; i++)
            {
                if (!float.IsFinite(losses[i])) continue;
                sum[i] += losses[i];
                count[i]++;
            }
        }
        return sum.Select((s, i) => count[i] > 0 ? (float)(s / count[i]) : 0f).ToArray();
    }

    private static float[] NegativeDas(TrainingTrajectory trajectory, IReadOnlyList<int> reference, int window)
    {
        if (window < 2) throw new WinnowException($"the DAS window must be at least 2 epochs (got {window})");
        if (trajectory.Epochs < 2) throw new WinnowException("the das score needs at least 2 epochs of training");
        var epochs = Enumerable.Range(Math.Max(0, trajectory.Epochs - window), Math.Min(window, trajectory.Epochs)).ToArray();
        var referenceMean = epochs.Select(e => reference.Average(i => (double)trajectory.LossesAt(e)[i])).ToArray();
        var scores = new float[trajectory.SampleCount];
        for (var i = 0; i < scores.Length; i++)
        {
            var own = epochs.Select(e => (double)trajectory.LossesAt(e)[i]).ToArray();
            scores[i] = -(float)AlignmentScore.Pearson(own, referenceMean);
        }
        return scores;
    }
}
