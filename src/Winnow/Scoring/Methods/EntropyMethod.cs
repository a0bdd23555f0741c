namespace Winnow.Scoring.Methods;

/// <summary>Entropy uncertainty (DeepCore): −Σ p log p of the surrogate model; keep the largest.</summary>
public sealed class EntropyMethod : RankedMethod
{
    public override string Name => "entropy";

    public override SampleScores Score(ScoringContext context) =>
        new(Name, context.Average(run => ProbabilityScores.Entropy(context.FinalOf(run).Probabilities, context.Range.Count, context.Train.ClassCount)),
            KeepDirection.High);
}
