using System.Globalization;
using Winnow.Runs;
using Winnow.Scoring;

namespace Winnow.Bench;

/// <summary>
/// Every static method on Fashion-MNIST with symmetric label noise: scoring time (inference
/// passes and score maths, surrogate training excluded) relative to one training epoch, the
/// fraction of kept samples that are mislabeled, the AUROC of the pruning order for flagging
/// them, and the test accuracy after training a fresh model on each selection. Each method
/// scores from its own surrogates (shared by its two fractions), so nothing it reads was computed for another.
/// </summary>
public static class CoresetMethodsBench
{
    public static int Run(string[] args)
    {
        var trainSize = BenchArgs.Int(args, "--train-size", 20000);
        var scoreEpochs = BenchArgs.Int(args, "--score-epochs", 3);
        var trainEpochs = BenchArgs.Int(args, "--epochs", 8);
        var methods = BenchArgs.List(args, "--methods", string.Join(',', CoresetMethods.Names));
        double[] fractions = [0.3, 0.1];
        var spec = BenchRuns.Spec(trainSize, "symmetric:0.4", trainEpochs);
        using var resources = new SingleRunResources();
        var data = resources.Data(spec.Data, spec.Seed);
        Console.WriteLine($"fashion-mnist {data.Train.Count} train, noise rate {data.Train.NoiseRate:F3}, small-cnn, surrogate {scoreEpochs} epochs, training on each selection {trainEpochs} epochs");
        Console.WriteLine("| method | scoring s | scoring / epoch | f | noisy kept | noise AUROC | test acc |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var method in methods)
        {
            foreach (var fraction in fractions)
            {
                using var run = BenchRuns.Run(spec with
                {
                    Pruning = new StaticPruning { Method = method, Fraction = fraction, Scoring = new CoresetOptions { ScoreEpochs = scoreEpochs } },
                }, resources);
                var r = run.Record;
                // Surrogate seconds of this method's context; the second fraction's scoring reuses its surrogates.
                var epochSeconds = r.SurrogateSeconds is > 0 ? r.SurrogateSeconds.Value / scoreEpochs : double.NaN;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {method} | {r.ScoringSeconds:F2} | {r.ScoringSeconds / epochSeconds:F2} | {fraction} | {r.NoisyKept / (double)r.SubsetSize!:P1} | {r.DetectionAuroc:F3} | {r.TestAccuracy:F4} |"));
            }
        }
        return 0;
    }
}
