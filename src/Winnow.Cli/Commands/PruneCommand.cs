using System.CommandLine;
using System.Globalization;
using Winnow.Cli.Console;
using Winnow.Data;
using Winnow.Runs;
using Winnow.Scoring;

namespace Winnow.Cli.Commands;

/// <summary>
/// `winnow prune`: score the training set with one method, keep a fraction, write scores.csv,
/// selection.txt and selection.json; with --train, also train on the kept set (into DIR/train).
/// </summary>
public static class PruneCommand
{
    public static Command Create()
    {
        var data = new DataOptionSet();
        var trainer = new TrainerOptionSet();
        var method = new MethodOptionSet();
        var learner = new LearnerOptionSet();
        var train = new Option<bool>("--train")
        {
            Description = "Then train a fresh model on the kept samples (--epochs etc.) and record its test accuracy in selection.json",
        };
        var output = new Option<string>("--out")
        {
            Description = "Output folder: scores.csv, selection.txt, selection.json (and train/ with --train)",
            Required = true,
        };
        var command = new Command("prune", "Choose a coreset (static pruning): score every training sample with a method and keep a fraction");
        method.AddTo(command);
        data.AddTo(command);
        trainer.AddTo(command);
        learner.AddTo(command);
        command.Options.Add(train);
        command.Options.Add(output);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var outDir = result.GetValue(output)!;
            var dataOptions = data.Read(result);
            var trainerOptions = trainer.Read(result);
            trainerOptions.Validate();
            var methodName = result.GetValue(method.Method)!;
            var fraction = result.GetValue(method.Fraction);
            KeptFraction.Validate(fraction);
            CoresetMethods.Create(methodName);
            var coresetOptions = method.Read(result, dataOptions.Seed);
            var learnerOptions = learner.Read(result);
            if (!result.GetValue(train) && (learnerOptions.Teacher is not null || learnerOptions.Name == "dividemix"))
                throw new WinnowException("--teacher and --learner dividemix apply to training on the selection: add --train");
            RunDirectory.Prepare(outDir);

            using var prepared = DataLoading.Prepare(dataOptions);
            trainerOptions = trainerOptions with { Augmentation = trainer.ReadAugmentation(result, prepared.Source.Kind) };
            var model = result.GetValue(trainer.Model);
            var pruned = ProgressDisplay.Run($"score ({methodName})", progress =>
                PruneRun.Execute(prepared, methodName, fraction, coresetOptions, model, trainerOptions with { Seed = dataOptions.Seed }, progress,
                    warmup: learnerOptions));
            PruneOutput.WriteSelection(outDir, pruned, prepared.Train);
            var summary = PruneOutput.Summarise(pruned, prepared, dataOptions.Noise, coresetOptions) with { Learner = learnerOptions.Name };

            var kept = pruned.Selection.Kept.Length;
            var noise = pruned.Noise is { NoisyTotal: > 0 } n // clean labels: nothing to report
                ? string.Create(CultureInfo.InvariantCulture, $"  noisy kept {n.NoisyKept} ({n.NoisyKeptFraction:P1} of kept, {n.NoisyTotal} in all)  noise AUROC {n.PrunedFirstAuroc:F3}")
                : "";
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{pruned.Selection.Method}: kept {kept} of {prepared.Train.Count} (f = {fraction}){noise}  scoring {pruned.ScoringSeconds:F1}s + surrogate training {pruned.SurrogateSeconds:F1}s"));

            if (result.GetValue(train))
            {
                var options = new TrainRunOptions
                {
                    Data = dataOptions, Model = model, Trainer = trainerOptions, Subset = pruned.Selection.Kept, Learner = learnerOptions,
                };
                using var run = ProgressDisplay.Run("train on selection", progress => TrainRun.Execute(options, prepared, progress: progress));
                var trainDir = Path.Combine(outDir, "train");
                var metrics = TrainMetrics.From(run, dataOptions.Noise);
                RunDirectory.Write(trainDir, run, metrics);
                summary = summary with { TestAccuracy = run.TestAccuracy, LabelCorrectionAccuracy = metrics.LabelCorrectionAccuracy };
                System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"test accuracy {run.TestAccuracy:F4}{TrainCommand.Describe(metrics)} after {run.Epochs.Count} epochs on the {kept} kept samples -> {Path.Combine(trainDir, RunDirectory.MetricsFile)}"));
            }
            PruneOutput.WriteSummary(outDir, summary);
            System.Console.WriteLine($"-> {Path.Combine(outDir, PruneOutput.SelectionTextFile)}, {Path.Combine(outDir, PruneOutput.SelectionJsonFile)}");
            return 0;
        }));
        return command;
    }
}
