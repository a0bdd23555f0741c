namespace Winnow.Scoring.Methods;

/// <summary>
/// Forgetting (Toneva et al. ICLR 2019): correct → incorrect transitions of each sample across
/// its presentations during the surrogate run (correctness recorded on the training forward
/// pass); never-learned samples count as their number of presentations (DeepCore's 0 is a
/// quirk). Keep the most forgotten.
/// </summary>
public sealed class ForgettingMethod : RankedMethod
{
    public override string Name => "forgetting";

    public override SampleScores Score(ScoringContext context) =>
        new(Name, context.Average(run => context.Range.Slice(TrajectoryScores.Forgetting(run.Trajectory))), KeepDirection.High);
}
