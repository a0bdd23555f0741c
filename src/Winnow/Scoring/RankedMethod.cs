namespace Winnow.Scoring;

/// <summary>
/// A method that scores every sample and keeps the best-ranked (see <see cref="RankSelector"/>).
/// Its scores are per sample, so they can be computed in shards: <see cref="Score"/> scores the
/// context's <see cref="ScoringContext.Range"/>, and equals the same part of the whole set's scores.
/// </summary>
public abstract class RankedMethod : ICoresetMethod
{
    public abstract string Name { get; }

    /// <summary>The scores of the samples in <see cref="ScoringContext.Range"/>, in index order.</summary>
    public abstract SampleScores Score(ScoringContext context);

    /// <summary>
    /// Trains what <see cref="Score"/> reads and hands it to <paramref name="writer"/> (a sharded
    /// selection's surrogate step): by default the plain surrogate runs.
    /// </summary>
    public virtual void TrainSurrogates(ScoringContext context, SurrogateWriter writer) => writer.SaveRuns(context.Runs());

    public CoresetSelection Select(ScoringContext context, double fraction)
    {
        KeptFraction.Validate(fraction);
        if (!context.Range.IsAll(context.Train.Count)) throw new InvalidOperationException($"a selection needs every sample's score, not those of {context.Range}");
        var scores = context.Merged ?? Score(context);
        if (scores.Method != Name || scores.Count != context.Train.Count)
            throw new InvalidOperationException($"merged scores of {scores.Method} ({scores.Count}) do not fit {Name} on {context.Train.Count} samples");
        return new CoresetSelection(Name, RankSelector.Select(scores, fraction, context.Train.Labels, context.Options.Balance), scores);
    }
}
