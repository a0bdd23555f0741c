using System.Diagnostics;
using Winnow.Data;
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
        var modelName = options.Model ?? ModelCatalog.DefaultFor(data.Source.Kind);
        var sampleShape = data.Train.SampleShape.Select(d => (int)d).ToArray();
        random.manual_seed(Seeds.Derive(options.Data.Seed, "model-init"));
        var model = ModelCatalog.Create(modelName, sampleShape, data.Train.ClassCount);
        var trainerOptions = options.Trainer with { Seed = options.Data.Seed };
        var trainer = new Trainer(model, data.Train, trainerOptions);
        try
        {
            var watch = Stopwatch.StartNew();
            planner ??= options.Subset is { } subset ? new FixedPlanner(subset) : FixedPlanner.FullData(data.Train.Count);
            var epochs = trainer.Fit(planner,
                options.EvaluateEveryEpoch ? data.Test : null, progress, cancellation);
            var testAccuracy = epochs[^1].TestAccuracy ?? trainer.Evaluate(data.Test);
            return new TrainRunResult(data, trainer, modelName, sampleShape, epochs, testAccuracy, watch.Elapsed.TotalSeconds, ownsData)
            {
                Subset = options.Subset,
            };
        }
        catch
        {
            trainer.Dispose();
            model.Dispose();
            throw;
        }
    }
}
