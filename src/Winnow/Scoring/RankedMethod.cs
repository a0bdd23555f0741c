namespace Winnow.Scoring;

/// <summary>A method that scores every sample and keeps the best-ranked (see <see cref="RankSelector"/>).</summary>
public abstract class RankedMethod : ICoresetMethod
{
    public abstract string Name { get; }

    /// <summary>Class balance when the user does not say (most methods: off).</summary>
    protected virtual bool BalanceByDefault => false;

    public abstract SampleScores Score(ScoringContext context);

    public CoresetSelection Select(ScoringContext context, double fraction)
    {
        KeptFraction.Validate(fraction);
        var scores = Score(context);
        var balance = context.Options.Balance ?? BalanceByDefault;
        return new CoresetSelection(Name, RankSelector.Select(scores, fraction, context.Train.Labels, balance), scores);
    }
}
