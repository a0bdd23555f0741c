using System.Diagnostics;
using Winnow.Data;
using Winnow.Dynamic;
using Winnow.Learners;
using Winnow.Metrics;
using Winnow.Models;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Runs;

/// <summary>The training part of a run: its networks (seeded), learner, trainer, epoch log, test accuracy and label correction.</summary>
internal sealed class TrainedRun(Trainer trainer, IReadOnlyList<Classifier> networks, IReadOnlyList<EpochSummary> epochs,
    double testAccuracy, double wallSeconds, LabelCorrection? correction) : IDisposable
{
    public Trainer Trainer { get; } = trainer;
    public IReadOnlyList<Classifier> Networks { get; } = networks;
    public IReadOnlyList<EpochSummary> Epochs { get; } = epochs;
    public double TestAccuracy { get; } = testAccuracy;

    /// <summary>Wall-clock of training including per-epoch evaluation.</summary>
    public double WallSeconds { get; } = wallSeconds;
    public LabelCorrection? Correction { get; } = correction;

    public void Dispose()
    {
        Trainer.Dispose();
        foreach (var network in Networks) network.Dispose();
    }
}

internal static class RunTraining
{
    /// <param name="subset">The fixed training set (a coreset or a given selection); all when null.</param>
    /// <param name="pruner">A dynamic pruner choosing each epoch's samples; the subset's fixed plan when null.</param>
    public static TrainedRun Train(RunSpec spec, PreparedData data, ModelRecipe model, IReadOnlyList<int>? subset, DynamicPruner? pruner,
        TeacherSource? teacher, IProgress<TrainingProgress>? progress, CancellationToken cancellation, bool evaluateEveryEpoch)
    {
        var train = data.Train;
        var networks = new List<Classifier>();
        ILearner? learner = null;
        Trainer? trainer = null;
        try
        {
            for (var k = 0; k < LearnerCatalog.All[spec.Learner.Name].Networks; k++)
            {
                networks.Add(model.Build(Seeds.Derive(spec.Seed, k switch { 0 => "model-init", 1 => "model-init-second", _ => $"model-init-{k}" })));
            }
            var keptFraction = subset is null ? 1.0 : subset.Count / (double)train.Count;
            // A dynamic pruner may train on any sample, so only a fixed subset narrows the teacher cache.
            learner = LearnerCatalog.Create(new LearnerContext(spec.Learner, train, spec.Trainer, Seeds.Derive(spec.Seed, "learner"),
                keptFraction, pruner is null ? subset : null, teacher?.Folder, model.Device));
            trainer = new Trainer(networks, train, spec.Trainer, spec.Seed, learner);
            IEpochPlanner planner = pruner is not null ? pruner : subset is null ? FixedPlanner.FullData(train.Count) : new FixedPlanner(subset);
            var watch = Stopwatch.StartNew();
            var epochs = trainer.Fit(planner, evaluateEveryEpoch ? data.Test : null, progress, cancellation);
            var testAccuracy = epochs[^1].TestAccuracy ?? trainer.Evaluate(data.Test);
            var wallSeconds = watch.Elapsed.TotalSeconds;
            var trained = subset ?? Enumerable.Range(0, train.Count).ToArray();
            var correction = LabelCorrection.Measure(train, trained, rows => trainer.PredictClasses(train, rows));
            return new TrainedRun(trainer, networks, epochs, testAccuracy, wallSeconds, correction);
        }
        catch
        {
            if (trainer is not null) trainer.Dispose();
            else learner?.Dispose();
            foreach (var network in networks) network.Dispose();
            throw;
        }
    }
}
