using Winnow.Training;

namespace Winnow.Scoring;

/// <summary>Scores read off a training run's per-epoch record (<see cref="TrainingTrajectory"/>).</summary>
public static class TrajectoryScores
{
    /// <summary>
    /// Forgetting events (Toneva et al. 2019): the number of correct → incorrect transitions over
    /// the epochs a sample was presented. A sample never classified correctly counts as the
    /// number of its presentations, as Toneva defines (DeepCore's 0 for never-learned samples is
    /// a quirk: it would rank the hardest samples as the easiest).
    /// </summary>
    public static float[] Forgetting(TrainingTrajectory trajectory)
    {
        var scores = new float[trajectory.SampleCount];
        for (var i = 0; i < scores.Length; i++)
        {
            int events = 0, presentations = 0;
            var learned = false;
            sbyte previous = -1;
            for (var e = 0; e < trajectory.Epochs; e++)
            {
                var now = trajectory.CorrectAt(e)[i];
                if (now < 0) continue;
                presentations++;
                if (now == 1) learned = true;
                if (previous == 1 && now == 0) events++;
                previous = now;
            }
            scores[i] = learned ? events : presentations;
        }
        return scores;
    }

    /// <summary>
    /// Area under the margin (Pleiss et al. 2020): Σ over the epochs a sample was trained on of
    /// p_y − max_{k≠y} p_k. Low (negative) AUM flags mislabeled samples.
    /// </summary>
    public static float[] AreaUnderMargin(TrainingTrajectory trajectory)
    {
        var scores = new float[trajectory.SampleCount];
        for (var e = 0; e < trajectory.Epochs; e++)
        {
            var margins = trajectory.MarginsAt(e);
            for (var i = 0; i < scores.Length; i++)
                if (!float.IsNaN(margins[i])) scores[i] += margins[i];
        }
        return scores;
    }
}
