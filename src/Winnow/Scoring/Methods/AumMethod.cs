namespace Winnow.Scoring.Methods;

/// <summary>
/// AUM (Pleiss et al. NeurIPS 2020, area under the margin): Σ over epochs of p_y − max_{k≠y} p_k,
/// recorded on the training forward pass of the surrogate run. A low AUM flags a mislabeled
/// sample, so the coreset keeps the largest.
/// </summary>
public sealed class AumMethod : RankedMethod
{
    public override string Name => "aum";

    public override SampleScores Score(ScoringContext context) =>
        new(Name, context.Average(run => context.Range.Slice(TrajectoryScores.AreaUnderMargin(run.Trajectory))), KeepDirection.High);
}
