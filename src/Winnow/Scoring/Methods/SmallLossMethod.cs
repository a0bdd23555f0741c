namespace Winnow.Scoring.Methods;

/// <summary>
/// SmallLoss: cross-entropy −log p_y of the surrogate model against the training label; keep the
/// smallest. A noise-robust baseline (Prune4ReL): mislabeled samples have large losses.
/// </summary>
public sealed class SmallLossMethod : RankedMethod
{
    public override string Name => "small-loss";

    public override SampleScores Score(ScoringContext context) =>
        new(Name, context.Average(run => ProbabilityScores.Loss(context.FinalOf(run).Probabilities, context.RangeLabels, context.Train.ClassCount)),
            KeepDirection.Low);
}
