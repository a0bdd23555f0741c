using System.CommandLine;
using System.Globalization;
using Winnow.Cli.Console;
using Winnow.Data;
using Winnow.Dynamic;
using Winnow.Runs;

namespace Winnow.Cli.Commands;

/// <summary>`winnow train`: train on (possibly noisy) data and write metrics, the epoch log, the checkpoint and the trajectories.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var data = new DataOptionSet();
        var trainer = new TrainerOptionSet();
        var output = new Option<string>("--out")
        {
            Description = "Output folder: metrics.json, epochs.csv, checkpoint/, trajectory_{loss,margin,correct}.npy, labels.npy",
            Required = true,
        };
        var subset = new Option<string?>("--subset")
        {
            Description = "Train only on the indices in this selection file (selection.txt written by 'winnow prune'), every epoch",
        };
        var dynamic = new DynamicOptionSet();
        var learner = new LearnerOptionSet();
        var command = new Command("train", "Train a model on the (possibly noisy) training set, or a coreset of it, and record every sample's loss trajectory");
        data.AddTo(command);
        trainer.AddTo(command);
        learner.AddTo(command);
        command.Options.Add(subset);
        dynamic.AddTo(command);
        command.Options.Add(output);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var outDir = result.GetValue(output)!;
            var dataOptions = data.Read(result);
            var trainerOptions = trainer.Read(result);
            trainerOptions.Validate();
            var dynamicOptions = dynamic.ReadOptions(result, dataOptions.Seed);
            var learnerOptions = learner.Read(result);
            RunDirectory.Prepare(outDir);

            using var prepared = DataLoading.Prepare(dataOptions);
            var subsetPath = result.GetValue(subset);
            var options = new TrainRunOptions
            {
                Data = dataOptions,
                Subset = subsetPath is null ? null : SelectionFile.Read(subsetPath, prepared.Train.Count),
                Model = result.GetValue(trainer.Model),
                Trainer = trainerOptions with { Augmentation = trainer.ReadAugmentation(result, prepared.Source.Kind) },
                Learner = learnerOptions,
            };
            var noiseInjected = Winnow.Data.Noise.NoiseSpec.Parse(dataOptions.Noise).Kind != Winnow.Data.Noise.NoiseKind.None;
            var pruner = dynamic.Build(result, dynamicOptions, prepared, noiseInjected);
            if (pruner is not null && options.Subset is not null) throw new WinnowException("--subset and --dynamic cannot be combined");
            using var run = ProgressDisplay.Run("train", progress => TrainRun.Execute(options, prepared, pruner, progress));
            var metrics = TrainMetrics.From(run, dataOptions.Noise);
            if (pruner is not null)
                metrics = metrics with
                {
                    Dynamic = pruner.Name,
                    PruneRatio = dynamicOptions.PruneRatio,
                    Align = pruner.Signal is AlignmentSignal,
                    ReferenceSize = pruner.Signal.AlwaysKept.Count,
                    DasWindow = (pruner.Signal as AlignmentSignal)?.Window,
                };
            RunDirectory.Write(outDir, run, metrics);
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"test accuracy {metrics.TestAccuracy:F4}  noise rate {metrics.NoiseRate:F4}{Describe(metrics)}  ({metrics.SubsetSize} of {metrics.TrainSize} samples, {metrics.Epochs} epochs, {metrics.FractionOfFullTraining:P0} of full training, {metrics.TrainSeconds:F1}s training) -> {Path.Combine(outDir, RunDirectory.MetricsFile)}"));
            return 0;
        }));
        return command;
    }

    /// <summary>The learner's part of the summary line: distillation weight, labels corrected.</summary>
    internal static string Describe(TrainMetrics metrics)
    {
        var text = "  learner " + metrics.Learner;
        if (metrics.KdAlpha is { } alpha)
            text += string.Create(CultureInfo.InvariantCulture, $" (α {alpha:0.###}, T {metrics.KdTemperature:0.###})");
        if (metrics.LabelCorrectionAccuracy is { } corrected)
            text += string.Create(CultureInfo.InvariantCulture, $"  noisy labels corrected {corrected:P1}");
        return text;
    }
}
