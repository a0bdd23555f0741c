using System.Globalization;
using Winnow.Detection;
using Winnow.Dynamic;
using Winnow.Metrics;
using Winnow.Runs;

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
            var spec = BenchRuns.Spec(trainSize, noise, epochs);
            using var resources = new SingleRunResources();
            var data = resources.Data(spec.Data, spec.Seed);
            var injected = noise != "none";
            using (var full = BenchRuns.Run(spec, resources))
            {
                Report(noise, "full data", full);
                if (injected)
                {
                    var noisy = data.Train.NoisyMask!;
                    var reference = ReferenceSet.FromCleanSamples(data.Train, AlignmentOptions.DefaultReferenceSize, true, Seeds.Derive(spec.Seed, "reference-set"));
                    var das = NoiseScores.Compute("das", full.Trainer!, data.Train, reference, window);
                    var loss = NoiseScores.Compute("loss", full.Trainer!, data.Train, reference, window);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {noise} | detection on the full run: AUROC DAS {Auroc.Compute(das, noisy):F3}, last loss {Auroc.Compute(loss, noisy):F3} | | | | |"));
                }
            }
            foreach (var name in injected ? pruners : ["infobatch"])
            foreach (var align in injected ? new[] { false, true } : [false])
            foreach (var reweight in align && name == "infobatch" ? new[] { true, false } : [true])
            {
                var pruning = new DynamicPruning
                {
                    Pruner = name,
                    Options = new DynamicOptions { PruneRatio = ratio, Reweight = reweight },
                    Signal = align ? "das" : "loss",
                    Alignment = new AlignmentOptions { DasWindow = window },
                };
                using var run = BenchRuns.Run(spec with { Pruning = pruning }, resources);
                var label = name + (align ? " + align" : "") + (align && name == "infobatch" ? reweight ? " (reweight)" : " (no reweight)" : "");
                Report(noise, label, run);
            }
        }
        return 0;
    }

    /// <summary>The noisy share is the mean over epochs of each epoch's share (epochs of a dynamic run differ in size).</summary>
    private static void Report(string noise, string label, RunResult run)
    {
        var r = run.Record;
        var noisyShare = run.Epochs.Average(e => (e.NoisyTrainedOn ?? 0) / (double)e.Samples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {noise} | {label} | {r.TestAccuracy:F4} | {r.WallSeconds:F1} | {r.FractionOfFullTraining:F3} | {noisyShare:P1} |"));
    }
}
