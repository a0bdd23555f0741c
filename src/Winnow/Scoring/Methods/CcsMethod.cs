namespace Winnow.Scoring.Methods;

/// <summary>
/// CCS (Zheng et al. ICLR 2023, coverage-centric coreset selection): drop the hardest
/// <c>--mis-ratio</c> fraction by a difficulty score (<c>--ccs-score</c>: aum as the reference,
/// or el2n, forgetting), then sample evenly across <c>--strata</c> equal-width strata of the rest
/// (see <see cref="CoverageCentricSelector"/>). Scores are the difficulty (larger = harder).
/// </summary>
public sealed class CcsMethod : ICoresetMethod
{
    public string Name => "ccs";

    public CoresetSelection Select(ScoringContext context, double fraction)
    {
        KeptFraction.Validate(fraction);
        var options = context.Options;
        var hardness = options.CcsScore switch
        {
            "aum" => context.Average(run => TrajectoryScores.AreaUnderMargin(run.Trajectory)).Select(v => -v).ToArray(),
            "el2n" => context.Average(run => ProbabilityScores.El2n(run.Final.Probabilities, context.Train.Labels, context.Train.ClassCount)),
            _ => context.Average(run => TrajectoryScores.Forgetting(run.Trajectory)),
        };
        var kept = CoverageCentricSelector.Select(hardness, fraction, options.MisRatio, options.Strata, Seeds.Derive(options.Seed, "ccs"));
        return new CoresetSelection(Name, kept, new SampleScores($"{Name}:{options.CcsScore}-hardness", hardness, KeepDirection.Low));
    }
}
