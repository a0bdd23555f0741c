namespace Winnow.Scoring.Methods;

/// <summary>
/// CCS (Zheng et al. ICLR 2023, coverage-centric coreset selection): drop the hardest
/// <c>--mis-ratio</c> fraction by a difficulty score (<c>--ccs-score</c>: aum as the reference,
/// or el2n, forgetting), then sample evenly across <c>--strata</c> equal-width strata of the rest
/// (see <see cref="CoverageCentricSelector"/>). With class balance each class gets its share of
/// the budget and is stratified on its own. Scores are the difficulty (larger = harder).
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
            CcsScore.Aum => context.Average(run => TrajectoryScores.AreaUnderMargin(run.Trajectory)).Select(v => -v).ToArray(),
            CcsScore.El2n => context.Average(run => ProbabilityScores.El2n(run.Final.Probabilities, context.Train.Labels, context.Train.ClassCount)),
            _ => context.Average(run => TrajectoryScores.Forgetting(run.Trajectory)),
        };
        var kept = options.Balance
            ? PerClass(context.Train.Labels, hardness, fraction, options, context.Seed)
            : CoverageCentricSelector.Select(hardness, fraction, options.MisRatio, options.Strata, Seeds.Derive(context.Seed, "ccs"));
        return new CoresetSelection(Name, kept, new SampleScores($"{Name}:{options.CcsScore.ToString().ToLowerInvariant()}-hardness", hardness, KeepDirection.Low));
    }

    /// <summary>Class balance: each class (by training label) gets its share of round(N·f) and is pruned and stratified on its own.</summary>
    private static int[] PerClass(IReadOnlyList<int> labels, float[] hardness, double fraction, CoresetOptions options, int seed)
    {
        var classes = labels.Select((label, index) => (label, index)).GroupBy(p => p.label).OrderBy(g => g.Key)
            .Select(g => g.Select(p => p.index).ToArray()).ToArray();
        var quotas = KeptFraction.Apportion(classes.Select(c => c.Length).ToArray(), KeptFraction.Count(labels.Count, fraction));
        return classes.SelectMany((members, c) => CoverageCentricSelector
                .SelectCount(members.Select(i => hardness[i]).ToArray(), quotas[c], options.MisRatio, options.Strata, Seeds.Derive(seed, "ccs", c + 1))
                .Select(k => members[k]))
            .Order().ToArray();
    }
}
