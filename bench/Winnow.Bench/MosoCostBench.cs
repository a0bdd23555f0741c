using System.Globalization;
using Winnow.Runs;
using Winnow.Scoring;

namespace Winnow.Bench;

/// <summary>
/// What MoSo costs on this machine, per model: the reference protocol (`moso`: partition
/// surrogates, end-of-epoch checkpoints, full-network per-sample gradients) beside the fast
/// variant (`moso-fast`: one surrogate, last-layer gradients), on a seed-1 Fashion-MNIST subset
/// with symmetric noise. Surrogate training and scoring are timed apart; the scoring time is also
/// given per 10,000 samples per checkpoint, the unit the full-gradient pass costs, so it scales to
/// any training set and checkpoint count.
/// </summary>
public static class MosoCostBench
{
    public static int Run(string[] args)
    {
        var trainSize = BenchArgs.Int(args, "--train-size", 2000);
        var models = BenchArgs.List(args, "--models", "small-cnn,mlp");
        var methods = BenchArgs.List(args, "--methods", "moso,moso-fast");
        var spec = BenchRuns.Spec(trainSize, "symmetric:0.4", 1);
        using var resources = new SingleRunResources();
        var options = new CoresetOptions();
        Console.WriteLine($"fashion-mnist {trainSize} train, 40% symmetric noise, kept fraction 0.1; moso: {options.MosoPartitions} partitions × " +
                          $"{options.MosoEpochs} epochs, {options.MosoCheckpoints} checkpoints; moso-fast: {options.ScoreEpochs} epochs × {options.Repeats} repeat(s)");
        Console.WriteLine("| model | method | surrogate s | scoring s | checkpoints | scoring s per 10k samples per checkpoint | noisy in top 10% | noise AUROC |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var model in models)
        {
            foreach (var method in methods)
            {
                using var run = BenchRuns.Run(spec with
                {
                    Model = model,
                    Pruning = new StaticPruning { Method = method, Fraction = 0.1, Scoring = options },
                }, resources);
                var r = run.Record;
                var checkpoints = method == "moso" ? options.MosoCheckpoints : options.ScoreEpochs * options.Repeats;
                var perTenThousand = r.ScoringSeconds!.Value / checkpoints * 10000 / trainSize;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {model} | {method} | {r.SurrogateSeconds:F1} | {r.ScoringSeconds:F1} | {checkpoints} | {perTenThousand:F1} | {r.NoisyKept / (double)r.SubsetSize!:P1} | {r.DetectionAuroc:F3} |"));
            }
        }
        return 0;
    }
}
