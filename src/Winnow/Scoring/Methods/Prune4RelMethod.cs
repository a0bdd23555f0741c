namespace Winnow.Scoring.Methods;

/// <summary>
/// Prune4ReL (Park et al. NeurIPS 2023): for re-labeling learners such as SOP+, keep the subset
/// whose samples give each other the most neighbourhood confidence (see
/// <see cref="Prune4RelSelector"/>), using the surrogate's embeddings and its confidence
/// (<c>--confidence</c> least-confidence = max probability, or margin). Balanced by default, as
/// the reference. Scores are the confidences. With several repeats the last run's embeddings are
/// used and the confidences averaged.
/// </summary>
public sealed class Prune4RelMethod : ICoresetMethod
{
    public string Name => "prune4rel";

    public CoresetSelection Select(ScoringContext context, double fraction)
    {
        KeptFraction.Validate(fraction);
        var options = context.Options;
        var train = context.Train;
        var confidence = context.Average(run => options.Confidence == ConfidenceKind.Margin
            ? ProbabilityScores.Margin(run.Final.Probabilities, train.Count, train.ClassCount)
            : ProbabilityScores.MaxProbability(run.Final.Probabilities, train.Count, train.ClassCount));
        var final = context.Runs()[^1].Final;
        var balance = options.Balance ?? true;
        var kept = options.Greedy == Prune4RelGreedy.Marginal
            ? Prune4RelSelector.SelectByMarginalGain(final.Embeddings, final.EmbeddingSize, confidence, train.Labels, fraction, options.Tau, options.Eta, balance, device: context.Device)
            : Prune4RelSelector.Select(final.Embeddings, final.EmbeddingSize, confidence, train.Labels, fraction, options.Tau, options.Eta, balance, device: context.Device);
        return new CoresetSelection(Name, kept, new SampleScores($"{Name}:confidence", confidence, KeepDirection.High));
    }
}
