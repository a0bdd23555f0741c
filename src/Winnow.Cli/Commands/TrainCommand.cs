using System.CommandLine;
using System.Globalization;
using Winnow.Cli.Console;
using Winnow.Data;
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
        var command = new Command("train", "Train a model on the (possibly noisy) training set, or a coreset of it, and record every sample's loss trajectory");
        data.AddTo(command);
        trainer.AddTo(command);
        command.Options.Add(subset);
        command.Options.Add(output);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var outDir = result.GetValue(output)!;
            var dataOptions = data.Read(result);
            var trainerOptions = trainer.Read(result);
            trainerOptions.Validate();
            RunDirectory.Prepare(outDir);

            using var prepared = DataLoading.Prepare(dataOptions);
            var subsetPath = result.GetValue(subset);
            var options = new TrainRunOptions
            {
                Data = dataOptions,
                Subset = subsetPath is null ? null : SelectionFile.Read(subsetPath, prepared.Train.Count),
                Model = result.GetValue(trainer.Model),
                Trainer = trainerOptions with { Augmentation = trainer.ReadAugmentation(result, prepared.Source.Kind) },
            };
            using var run = ProgressDisplay.Run("train", progress => TrainRun.Execute(options, prepared, progress: progress));
            var metrics = TrainMetrics.From(run, dataOptions.Noise);
            RunDirectory.Write(outDir, run, metrics);
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"test accuracy {metrics.TestAccuracy:F4}  noise rate {metrics.NoiseRate:F4}  ({metrics.SubsetSize} of {metrics.TrainSize} samples, {metrics.Epochs} epochs, {metrics.TrainSeconds:F1}s training) -> {Path.Combine(outDir, RunDirectory.MetricsFile)}"));
            return 0;
        }));
        return command;
    }
}
