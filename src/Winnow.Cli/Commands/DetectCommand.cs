using System.CommandLine;
using System.Globalization;
using Winnow.Cli.Console;
using Winnow.Data.Noise;
using Winnow.Detection;
using Winnow.Runs;

namespace Winnow.Cli.Commands;

/// <summary>
/// `winnow detect`: train once on the full (noisy) data, then measure how well each score flags
/// the mislabeled samples (AUROC, average precision) and plot their clean vs noisy distributions.
/// </summary>
public static class DetectCommand
{
    public static Command Create()
    {
        var data = new DataOptionSet();
        var trainer = new TrainerOptionSet();
        var reference = new ReferenceOptionSet();
        var scores = new Option<string>("--score")
        {
            Description = $"Scores to measure, comma-separated: {string.Join(" | ", NoiseScores.Names)} (default: all; das needs a reference set)",
            DefaultValueFactory = _ => string.Join(',', NoiseScores.Names),
        };
        var output = new Option<string>("--out")
        {
            Description = "Output folder: detection.json, detection_scores.csv, distribution_SCORE.png, train/",
            Required = true,
        };
        var command = new Command("detect", "Train once, then measure how well each score (DAS, loss, EL2N, AUM, forgetting) flags the noisy labels");
        data.AddTo(command);
        trainer.AddTo(command);
        command.Options.Add(scores);
        reference.AddTo(command);
        command.Options.Add(output);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var outDir = result.GetValue(output)!;
            var dataOptions = data.Read(result);
            var trainerOptions = trainer.Read(result);
            trainerOptions.Validate();
            reference.Validate(result);
            var names = result.GetValue(scores)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
            var unknown = names.FirstOrDefault(n => !NoiseScores.Names.Contains(n));
            if (unknown is not null) throw new WinnowException($"unknown score '{unknown}'; known: {string.Join(", ", NoiseScores.Names)}");
            if (names.Length == 0) throw new WinnowException("--score names no score");
            var noiseInjected = NoiseSpec.Parse(dataOptions.Noise).Kind != NoiseKind.None;
            if (!noiseInjected) throw new WinnowException("detection needs known noisy samples: give --noise symmetric|asymmetric|instance|file");
            RunDirectory.Prepare(outDir);

            using var prepared = DataLoading.Prepare(dataOptions);
            var trusted = reference.Resolve(result, prepared, noiseInjected, dataOptions.Seed);
            if (names.Contains("das") && trusted is null)
            {
                if (result.GetValue(scores) != string.Join(',', NoiseScores.Names))
                    throw new WinnowException("the das score needs a trusted reference set: give --reference FILE or --reference-size P");
                trusted = Winnow.Dynamic.ReferenceSet.FromCleanSamples(prepared.Train, 0.01, noiseInjected, Seeds.Derive(dataOptions.Seed, "reference-set"));
                System.Console.Error.WriteLine($"das: no reference set given; using {trusted.Length} samples known to be clean (1%)");
            }
            var options = new TrainRunOptions
            {
                Data = dataOptions,
                Model = result.GetValue(trainer.Model),
                Trainer = trainerOptions with { Augmentation = trainer.ReadAugmentation(result, prepared.Source.Kind) },
            };
            using var run = ProgressDisplay.Run("train", progress => TrainRun.Execute(options, prepared, progress: progress));
            RunDirectory.Write(Path.Combine(outDir, "train"), run, TrainMetrics.From(run, dataOptions.Noise));

            var noisy = prepared.Train.NoisyMask!;
            var window = result.GetValue(reference.DasWindow);
            var values = names.ToDictionary(n => n, n => NoiseScores.Compute(n, run.Trainer!, prepared.Train, trusted, window));
            var qualities = names.Select(n => DetectionReport.Measure(n, values[n], noisy)).ToArray();
            var summary = new DetectionReport.Summary(prepared.Source.Name, dataOptions.Noise, prepared.Train.NoiseRate, prepared.Train.Count,
                noisy.Count(x => x), run.Epochs.Count, trusted?.Length, names.Contains("das") ? Math.Min(window, run.Epochs.Count) : null, qualities);
            DetectionReport.Write(outDir, summary, values, prepared.Train.Labels, noisy);
            foreach (var q in qualities)
                System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{q.Score,-11} AUROC {q.Auroc:F4}  average precision {q.AveragePrecision:F4}"));
            System.Console.WriteLine($"-> {Path.Combine(outDir, "detection.json")}");
            return 0;
        }));
        return command;
    }
}
