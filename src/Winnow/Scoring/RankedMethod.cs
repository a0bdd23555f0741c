namespace Winnow.Scoring;

/// <summary>A method that scores every sample and keeps the best-ranked (see <see cref="RankSelector"/>).</summary>
public abstract class RankedMethod : ICoresetMethod
{
    public abstract string Name { get; }

    public abstract SampleScores Score(ScoringContext context);

    public CoresetSelection Select(ScoringContext context, double fraction)
    {
        KeptFraction.Validate(fraction);
        var scores = Score(context);
        return new CoresetSelection(Name, RankSelector.Select(scores, fraction, context.Train.Labels, context.Options.Balance), scores);
    }
}
