using Winnow.Data;
using Winnow.Training;

namespace Winnow.Scoring.Methods;

/// <summary>
/// Prune4ReL (Park et al. NeurIPS 2023): for re-labeling learners such as SOP+, keep the subset
/// whose samples give each other the most neighbourhood confidence (see
/// <see cref="Prune4RelSelector"/>), using the surrogate's embeddings and its confidence
/// (<c>--confidence</c> least-confidence = max probability, or margin). Inputs as the reference
/// by default (<c>--prune4rel-inputs strong</c>): the surrogate warms up for score-epochs epochs on
/// the run's own schedule (the reference: 10 SOP+ epochs of a 300-epoch cosine, so the learning
/// rate hardly falls), then one eval-mode pass over strongly augmented views gives the
/// probabilities and embeddings (the reference's <c>eval_train_strong</c>; Winnow's strong view is
/// crop + flip + jitter + Cutout, see <see cref="Augmenter"/>). <c>clean</c>: the clean
/// predictions of a short surrogate annealed to 0. Balanced by default, as the reference. Scores
/// are the confidences. With several repeats the last run's embeddings are used and the
/// confidences averaged. <c>--prune4rel-neighbours K</c> runs the same greedy on a sparse
/// τ-neighbourhood graph capped at K neighbours a sample (<see cref="NeighbourGraph"/>), for large N.
/// </summary>
public sealed class Prune4RelMethod : ICoresetMethod
{
    public string Name => "prune4rel";

    public CoresetSelection Select(ScoringContext context, double fraction)
    {
        KeptFraction.Validate(fraction);
        var options = context.Options;
        var train = context.Train;
        var predictions = Inputs(context);
        var confidence = ScoringContext.Mean(predictions.Select(p => options.Confidence == ConfidenceKind.Margin
            ? ProbabilityScores.Margin(p.Probabilities, train.Count, train.ClassCount)
            : ProbabilityScores.MaxProbability(p.Probabilities, train.Count, train.ClassCount)).ToArray(), train.Count);
        var final = predictions[^1];
        var balance = options.Balance;
        var kept = options.Greedy == Prune4RelGreedy.Marginal
            ? Prune4RelSelector.SelectByMarginalGain(final.Embeddings, final.EmbeddingSize, confidence, train.Labels, fraction, options.Tau, options.Eta, balance, device: context.Device)
            : options.Prune4RelNeighbours is { } cap
                ? Prune4RelSelector.SelectSparse(NeighbourGraph.Build(final.Embeddings, final.EmbeddingSize, options.Tau, cap, context.Device),
                    confidence, train.Labels, fraction, options.Eta, balance)
                : Prune4RelSelector.Select(final.Embeddings, final.EmbeddingSize, confidence, train.Labels, fraction, options.Tau, options.Eta, balance, device: context.Device);
        return new CoresetSelection(Name, kept, new SampleScores($"{Name}:confidence", confidence, KeepDirection.High));
    }

    /// <summary>One set of predictions per surrogate run, from the pass the inputs setting names.</summary>
    private static IReadOnlyList<Predictions> Inputs(ScoringContext context)
    {
        if (context.Options.Prune4RelInputs == Prune4RelInputs.Clean) return context.Runs().Select(r => r.Final).ToArray();
        var runs = context.WarmupRuns();
        var strength = context.Train.SampleShape.Length == 3 ? AugmentationStrength.Strong : AugmentationStrength.None;
        return runs.Select((run, r) =>
        {
            using var views = new Augmenter(strength, Seeds.Derive(context.Seed, "prune4rel-strong-view", r), context.Train.BlackPixel);
            return Inference.Predict(run.Model, context.Train, batchSize: context.Surrogate.InferenceBatchSize, views: views);
        }).ToArray();
    }
}
