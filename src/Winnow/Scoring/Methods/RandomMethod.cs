namespace Winnow.Scoring.Methods;

/// <summary>
/// Random: a uniformly random subset (seeded), the baseline every score must beat. Scores are
/// seeded uniform draws, kept high, so class balance works as for any score. No training.
/// </summary>
public sealed class RandomMethod : RankedMethod
{
    public override string Name => "random";

    public override SampleScores Score(ScoringContext context)
    {
        var random = new Random(Seeds.Derive(context.Seed, "random-coreset"));
        var values = Enumerable.Range(0, context.Train.Count).Select(_ => random.NextSingle()).ToArray();
        return new SampleScores(Name, context.Range.Slice(values), KeepDirection.High);
    }

    /// <summary>Random trains nothing.</summary>
    public override void TrainSurrogates(ScoringContext context, SurrogateWriter writer) { }
}
