namespace Winnow.Scoring.Methods;

/// <summary>
/// EL2N (Paul et al. NeurIPS 2021): ‖p − onehot(y)‖₂ from a model trained a few epochs
/// (<c>--score-epochs</c>), averaged over <c>--repeats</c> independently seeded runs (reference:
/// 10). Keep the largest (hard samples); under label noise these are largely the mislabeled ones.
/// </summary>
public sealed class El2nMethod : RankedMethod
{
    public override string Name => "el2n";

    public override SampleScores Score(ScoringContext context) =>
        new(Name, context.Average(run => ProbabilityScores.El2n(context.FinalOf(run).Probabilities, context.RangeLabels, context.Train.ClassCount)),
            KeepDirection.High);
}
