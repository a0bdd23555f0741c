namespace Winnow.Scoring.Methods;

/// <summary>
/// LeastConfidence (DeepCore): the maximum softmax probability; keep the smallest. DeepCore
/// reads raw logits here and sorts inconsistently (quirks); Winnow uses probabilities.
/// </summary>
public sealed class LeastConfidenceMethod : RankedMethod
{
    public override string Name => "least-confidence";

    public override SampleScores Score(ScoringContext context) =>
        new(Name, context.Average(run => ProbabilityScores.MaxProbability(context.FinalOf(run).Probabilities, context.Range.Count, context.Train.ClassCount)),
            KeepDirection.Low);
}
