using System.Globalization;
using Winnow.Learners;
using Winnow.Runs;
using Winnow.Scoring;

namespace Winnow.Bench;

/// <summary>
/// Prune4ReL's pipeline against uniform selection, both trained with a re-labeling learner:
/// warm up with the learner on all the noisy data, select a kept fraction (Prune4ReL's greedy,
/// own-term and full marginal gain, or uniformly at random), retrain from scratch on it.
/// </summary>
public static class RelabelBench
{
    public static int Run(string[] args)
    {
        var trainSize = BenchArgs.Int(args, "--train-size", 20000);
        var epochs = BenchArgs.Int(args, "--epochs", 8);
        var scoreEpochs = BenchArgs.Int(args, "--score-epochs", 3);
        var noise = BenchArgs.Text(args, "--noise") ?? "symmetric:0.4";
        var fractions = BenchArgs.Numbers(args, "--fractions", "0.2,0.4,0.6");
        var learnerName = BenchArgs.Text(args, "--learner") ?? "sop";
        var selections = BenchArgs.List(args, "--selections", "random,prune4rel,prune4rel-marginal");
        var spec = BenchRuns.Spec(trainSize, noise, epochs) with { Learner = new LearnerOptions { Name = learnerName } };
        // One warm-up per selection, shared by every fraction (the resources keep each method's surrogates).
        using var resources = new SingleRunResources();
        var data = resources.Data(spec.Data, spec.Seed);
        Console.WriteLine($"fashion-mnist {trainSize} train, {noise} (rate {data.Train.NoiseRate:F3}), small-cnn, warm-up {scoreEpochs} epochs and training {epochs} epochs with {learnerName}");
        Console.WriteLine("| selection | f | noisy kept | test acc | noisy labels corrected |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var fraction in fractions)
        {
            foreach (var selection in selections)
            {
                var scoring = new CoresetOptions
                {
                    ScoreEpochs = scoreEpochs,
                    Greedy = selection.EndsWith("marginal", StringComparison.Ordinal) ? Prune4RelGreedy.Marginal : Prune4RelGreedy.Own,
                };
                var method = selection.StartsWith("prune4rel", StringComparison.Ordinal) ? "prune4rel" : selection;
                using var run = BenchRuns.Run(spec with { Pruning = new StaticPruning { Method = method, Fraction = fraction, Scoring = scoring } }, resources);
                var r = run.Record;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {selection} | {fraction} | {r.NoisyKept / (double)r.SubsetSize!:P1} | {r.TestAccuracy:F4} | {r.LabelCorrectionAccuracy:P1} |"));
            }
        }
        return 0;
    }
}
