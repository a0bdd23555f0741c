using Winnow.Data;
using Winnow.Models;

namespace Winnow.Runs;

/// <summary>
/// Out-of-sample predicted probabilities by stratified K-fold cross-validation (what confident
/// learning needs): each fold's model is trained with the run's trainer and learner on the other
/// folds only, and predicts the probabilities of its own fold's samples, which it never saw.
/// </summary>
internal static class CrossValidation
{
    /// <summary>
    /// The fold of every sample: within each given label, a seeded shuffle dealt round-robin, so
    /// every fold holds each class in proportion (as scikit-learn's StratifiedKFold with shuffle).
    /// </summary>
    public static int[] Folds(IReadOnlyList<int> labels, int folds, int seed)
    {
        if (folds < 2) throw new WinnowException($"cross-validation needs at least 2 folds (got {folds})");
        if (labels.Count < folds) throw new WinnowException($"{labels.Count} samples cannot be split into {folds} folds");
        var fold = new int[labels.Count];
        var random = new Random(seed);
        var next = 0;
        foreach (var members in labels.Select((label, i) => (label, i)).GroupBy(p => p.label).OrderBy(g => g.Key).Select(g => g.Select(p => p.i).ToArray()))
        {
            random.Shuffle(members);
            // Continue the deal where the previous class stopped, so small classes do not all land in fold 0.
            foreach (var i in members) fold[i] = next++ % folds;
        }
        return fold;
    }

    /// <returns>Row-major [N, K] probabilities of the training set, each row from the model of its sample's fold.</returns>
    public static float[] Probabilities(RunSpec spec, PreparedData data, ModelRecipe model, int folds,
        IProgress<RunProgress>? progress, CancellationToken cancellation)
    {
        var train = data.Train;
        var fold = Folds(train.Labels, folds, Seeds.Derive(spec.Seed, "cv-folds"));
        var probabilities = new float[(long)train.Count * train.ClassCount];
        for (var f = 0; f < folds; f++)
        {
            var phase = $"fold {f + 1}/{folds}";
            progress?.Report(new RunProgress(phase));
            var seen = Enumerable.Range(0, train.Count).Where(i => fold[i] != f).ToArray();
            var held = Enumerable.Range(0, train.Count).Where(i => fold[i] == f).ToArray();
            // Each fold's model starts from its own seed; the data (subset, noise) stays the run's.
            var foldSpec = spec with { Seed = Seeds.Derive(spec.Seed, $"cv-fold-{f}") };
            using var trained = RunTraining.Train(foldSpec, data, model, seen, null, null, Runner.Phase(progress, phase), cancellation, evaluateEveryEpoch: false);
            var predictions = trained.Trainer.Predict(train, held);
            for (var r = 0; r < held.Length; r++)
                predictions.ProbabilitiesOf(r).CopyTo(probabilities.AsSpan(held[r] * train.ClassCount, train.ClassCount));
        }
        return probabilities;
    }
}
