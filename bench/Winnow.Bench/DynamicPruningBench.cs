using System.Globalization;
using Winnow.Data;
using Winnow.Detection;
using Winnow.Dynamic;
using Winnow.Metrics;
using Winnow.Runs;
using Winnow.Training;

namespace Winnow.Bench;

/// <summary>
/// Dynamic pruning on Fashion-MNIST, small CNN, the same epochs for every run:
/// (a) clean labels, full training vs InfoBatch — wall-clock saved and accuracy lost;
/// (b) noisy labels, every pruner with and without AlignPrune at the same ratio — accuracy,
/// fraction of full training, and the mean fraction of noisy samples among those trained on;
/// plus the detection AUROC of DAS vs the loss on the full-training run.
/// </summary>
public static class DynamicPruningBench
{
    public static int Run(string[] args)
    {
        var trainSize = BenchArgs.Int(args, "--train-size", 10000);
        var epochs = BenchArgs.Int(args, "--epochs", 12);
        var window = BenchArgs.Int(args, "--das-window", 4);
        var ratio = double.Parse(BenchArgs.Text(args, "--prune-ratio") ?? "0.5", CultureInfo.InvariantCulture);
        var noises = BenchArgs.List(args, "--noises", "none,symmetric:0.4,asymmetric:0.4");
        var pruners = BenchArgs.List(args, "--pruners", "infobatch,uniform,ucb,epsilon-greedy");
        Console.WriteLine($"fashion-mnist {trainSize} train, small-cnn, {epochs} epochs, prune ratio {ratio}, DAS window {window}, reference 1% known-clean");
        Console.WriteLine("| noise | run | test acc | wall s | fraction of full training | noisy share trained on |");
        Console.WriteLine("|---|---|---|---|---|---|");

        foreach (var noise in noises)
        {
            var dataOptions = new DataOptions { Dataset = "fashion-mnist", TrainSize = trainSize, Noise = noise, Seed = 1 };
            using var data = DataPipeline.Prepare(dataOptions);
            var options = new TrainRunOptions { Data = dataOptions, Trainer = new TrainerOptions { Epochs = epochs }, EvaluateEveryEpoch = false };
            var noisy = data.Train.NoisyMask!;
            var injected = noise != "none";
            int[]? reference = injected ? ReferenceSet.FromCleanSamples(data.Train, 0.01, true, 1) : null;

            using (var full = TrainRun.Execute(options, data))
            {
                Report(noise, "full data", full, data.Train.Count, noisy);
                if (injected)
                {
                    var das = NoiseScores.Compute("das", full.Trainer!, data.Train, reference, window);
                    var loss = NoiseScores.Compute("loss", full.Trainer!, data.Train, reference, window);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {noise} | detection on the full run: AUROC DAS {Auroc.Compute(das, noisy):F3}, last loss {Auroc.Compute(loss, noisy):F3} | | | | |"));
                }
            }
            foreach (var name in injected ? pruners : ["infobatch"])
            {
                foreach (var align in injected ? new[] { false, true } : [false])
                {
                    foreach (var reweight in align && name == "infobatch" ? new[] { true, false } : [true])
                    {
                        var signal = align ? new AlignmentSignal(data.Train.Count, reference!, window) : null;
                        var pruner = DynamicPruners.Create(name, data.Train.Count, new DynamicOptions { PruneRatio = ratio, Seed = 1 }, signal, reweight)!;
                        using var run = TrainRun.Execute(options, data, pruner);
                        var label = name + (align ? " + align" : "") + (align && name == "infobatch" ? reweight ? " (reweight)" : " (no reweight)" : "");
                        Report(noise, label, run, data.Train.Count, noisy);
                    }
                }
            }
        }
        return 0;
    }

    private static void Report(string noise, string label, TrainRunResult run, int n, bool[] noisy)
    {
        var fraction = run.SamplesBackpropagated / ((double)n * run.Epochs.Count);
        var noisyShare = run.Epochs.Average(e => (e.NoisyTrainedOn ?? 0) / (double)e.Samples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {noise} | {label} | {run.TestAccuracy:F4} | {run.WallSeconds:F1} | {fraction:F3} | {noisyShare:P1} |"));
    }
}
