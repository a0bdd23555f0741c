namespace Winnow.Scoring.Methods;

/// <summary>
/// Margin uncertainty (DeepCore): p_top1 − p_top2 of the surrogate model, label-free. Keep the
/// smallest margins (the most uncertain samples).
/// </summary>
public sealed class MarginMethod : RankedMethod
{
    public override string Name => "margin";

    public override SampleScores Score(ScoringContext context) =>
        new(Name, context.Average(run => ProbabilityScores.Margin(context.FinalOf(run).Probabilities, context.Range.Count, context.Train.ClassCount)),
            KeepDirection.Low);
}
