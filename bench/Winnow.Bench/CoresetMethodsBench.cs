using System.Diagnostics;
using System.Globalization;
using Winnow.Data;
using Winnow.Metrics;
using Winnow.Runs;
using Winnow.Scoring;
using Winnow.Training;

namespace Winnow.Bench;

/// <summary>
/// Every static method on Fashion-MNIST with symmetric label noise: scoring time (inference
/// passes and score maths, surrogate training excluded) relative to one training epoch, the
/// fraction of kept samples that are mislabeled, the AUROC of the pruning order for flagging
/// them, and the test accuracy after training a fresh model on each selection.
/// Each method gets its own scoring context, so nothing it reads was computed for another.
/// </summary>
public static class CoresetMethodsBench
{
    public static int Run(string[] args)
    {
        var trainSize = BenchArgs.Int(args, "--train-size", 20000);
        var scoreEpochs = BenchArgs.Int(args, "--score-epochs", 3);
        var trainEpochs = BenchArgs.Int(args, "--epochs", 8);
        var only = BenchArgs.Text(args, "--methods");
        double[] fractions = [0.3, 0.1];
        var dataOptions = new DataOptions { Dataset = "fashion-mnist", TrainSize = trainSize, Noise = "symmetric:0.4", Seed = 1 };
        using var data = DataPipeline.Prepare(dataOptions);
        var trainer = new TrainerOptions { Seed = 1 };
        Console.WriteLine($"fashion-mnist {data.Train.Count} train, noise rate {data.Train.NoiseRate:F3}, small-cnn, surrogate {scoreEpochs} epochs, training on each selection {trainEpochs} epochs");
        Console.WriteLine("| method | scoring s | scoring / epoch | f | noisy kept | noise AUROC | test acc |");
        Console.WriteLine("|---|---|---|---|---|---|---|");

        var methods = only is null ? CoresetMethods.Names : only.Split(',');
        foreach (var method in methods)
        {
            using var context = new ScoringContext(data.Train, new CoresetOptions { ScoreEpochs = scoreEpochs, Seed = 1 }, "small-cnn", trainer);
            var coreset = CoresetMethods.Create(method);
            foreach (var fraction in fractions)
            {
                var before = context.SurrogateSeconds;
                var watch = Stopwatch.StartNew();
                var selection = coreset.Select(context, fraction);
                var scoring = watch.Elapsed.TotalSeconds - (context.SurrogateSeconds - before);
                var epochSeconds = context.Runs().Count == 0 || context.SurrogateSeconds == 0 ? double.NaN : context.SurrogateSeconds / scoreEpochs / context.Options.Repeats;
                var noise = NoiseDetection.Measure(selection, data.Train.NoisyMask)!;
                using var run = TrainRun.Execute(new TrainRunOptions
                {
                    Data = dataOptions, Trainer = trainer with { Epochs = trainEpochs }, Subset = selection.Kept, EvaluateEveryEpoch = false,
                }, data);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {method} | {scoring:F2} | {scoring / epochSeconds:F2} | {fraction} | {noise.NoisyKeptFraction:P1} | {noise.PrunedFirstAuroc:F3} | {run.TestAccuracy:F4} |"));
            }
        }
        return 0;
    }
}
