using System.Diagnostics;
using Winnow.Data;
using Winnow.Learners;
using Winnow.Learners.DivideMix;
using Winnow.Metrics;
using Winnow.Models;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Runs;

/// <summary>
/// One training run from options to result: prepare the data, build the model with a seeded
/// initialisation, train under a planner (full data unless told otherwise), evaluate.
/// The caller owns the returned result (it holds the trained model and the data).
/// </summary>
public static class TrainRun
{
    public static TrainRunResult Execute(TrainRunOptions options, IEpochPlanner? planner = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        options.Trainer.Validate();
        var data = DataPipeline.Prepare(options.Data);
        try
        {
            return Execute(options, data, planner, progress, cancellation, ownsData: true);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>Trains on already prepared data (shared between runs by experiment grids).</summary>
    public static TrainRunResult Execute(TrainRunOptions options, PreparedData data, IEpochPlanner? planner = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default) =>
        Execute(options, data, planner, progress, cancellation, ownsData: false);

    private static TrainRunResult Execute(TrainRunOptions options, PreparedData data, IEpochPlanner? planner,
        IProgress<TrainingProgress>? progress, CancellationToken cancellation, bool ownsData)
    {
        options.Learner.Validate();
        var modelName = options.Model ?? ModelCatalog.DefaultFor(data.Source.Kind);
        var sampleShape = data.Train.SampleShape.Select(d => (int)d).ToArray();
        if (options.Learner.Name == "dividemix")
            return ExecuteDivideMix(options, data, planner, modelName, sampleShape, progress, cancellation, ownsData);
        random.manual_seed(Seeds.Derive(options.Data.Seed, "model-init"));
        var model = ModelCatalog.Create(modelName, sampleShape, data.Train.ClassCount);
        var trainerOptions = options.Trainer with { Seed = options.Data.Seed };
        Trainer trainer;
        try
        {
            var keptFraction = options.Subset is { } kept ? kept.Count / (double)data.Train.Count : 1.0;
            var augmenting = trainerOptions.Augmentation != AugmentationStrength.None && data.Train.Inputs.dim() == 4;
            // A dynamic pruner may train on any sample, so only a static subset narrows the teacher cache.
            var learner = LearnerCatalog.Create(options.Learner, data.Train, keptFraction, augmenting, Seeds.Derive(options.Data.Seed, "learner"),
                planner is null ? options.Subset : null);
            trainer = new Trainer(model, data.Train, trainerOptions, learner);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        try
        {
            var watch = Stopwatch.StartNew();
            planner ??= options.Subset is { } subset ? new FixedPlanner(subset) : FixedPlanner.FullData(data.Train.Count);
            var epochs = trainer.Fit(planner,
                options.EvaluateEveryEpoch ? data.Test : null, progress, cancellation);
            var testAccuracy = epochs[^1].TestAccuracy ?? trainer.Evaluate(data.Test);
            var wallSeconds = watch.Elapsed.TotalSeconds;
            var trained = options.Subset ?? Enumerable.Range(0, data.Train.Count).ToArray();
            return new TrainRunResult(data, trainer, null, modelName, sampleShape, epochs, testAccuracy, wallSeconds, ownsData)
            {
                Subset = options.Subset,
                Teacher = options.Learner.Teacher,
                LabelCorrection = LabelCorrection.Measure(data.Train, trained,
                    rows => Inference.Predict(trainer.Model, data.Train, rows).PredictedClasses()),
            };
        }
        catch
        {
            trainer.Dispose();
            model.Dispose();
            throw;
        }
    }

    /// <summary>DivideMix trains two networks in a loop of its own, on a static subset (or all the data).</summary>
    private static TrainRunResult ExecuteDivideMix(TrainRunOptions options, PreparedData data, IEpochPlanner? planner, string modelName,
        int[] sampleShape, IProgress<TrainingProgress>? progress, CancellationToken cancellation, bool ownsData)
    {
        if (planner is not null) throw new WinnowException("DivideMix trains on a fixed set of samples: it cannot be combined with dynamic pruning");
        var subset = options.Subset ?? Enumerable.Range(0, data.Train.Count).ToArray();
        DivideMixTrainer.CheckSubset(subset, data.Train.Count);
        var trainerOptions = options.Trainer with { Seed = options.Data.Seed };
        random.manual_seed(Seeds.Derive(options.Data.Seed, "model-init"));
        var first = ModelCatalog.Create(modelName, sampleShape, data.Train.ClassCount);
        random.manual_seed(Seeds.Derive(options.Data.Seed, "model-init-second"));
        var second = ModelCatalog.Create(modelName, sampleShape, data.Train.ClassCount);
        DivideMixTrainer? trainer = null;
        try
        {
            trainer = new DivideMixTrainer(first, second, data.Train, trainerOptions, options.Learner.DivideMix);
            var watch = Stopwatch.StartNew();
            var epochs = trainer.Fit(subset, options.EvaluateEveryEpoch ? data.Test : null, progress, cancellation);
            var testAccuracy = epochs[^1].TestAccuracy ?? trainer.Evaluate(data.Test);
            var wallSeconds = watch.Elapsed.TotalSeconds;
            var dm = trainer;
            return new TrainRunResult(data, null, trainer, modelName, sampleShape, epochs, testAccuracy, wallSeconds, ownsData)
            {
                Subset = options.Subset,
                LabelCorrection = LabelCorrection.Measure(data.Train, subset, rows => dm.PredictLabels(data.Train, rows)),
            };
        }
        catch
        {
            trainer?.Dispose();
            first.Dispose();
            second.Dispose();
            throw;
        }
    }
}
