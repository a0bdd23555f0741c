using System.Globalization;
using Winnow.Data;
using Winnow.Learners;
using Winnow.Runs;
using Winnow.Scoring;
using Winnow.Training;

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

        var dataOptions = new DataOptions { Dataset = "fashion-mnist", TrainSize = trainSize, Noise = noise, Seed = 1 };
        using var data = DataPipeline.Prepare(dataOptions);
        var learner = new LearnerOptions { Name = learnerName };
        var trainer = new TrainerOptions { Epochs = epochs };
        Console.WriteLine($"fashion-mnist {trainSize} train, {noise} (rate {data.Train.NoiseRate:F3}), small-cnn, warm-up {scoreEpochs} epochs and training {epochs} epochs with {learnerName}");
        Console.WriteLine("| selection | f | noisy kept | test acc | noisy labels corrected |");
        Console.WriteLine("|---|---|---|---|---|");
        // One warm-up per selection, shared by every fraction (a scoring context keeps its surrogate runs).
        var contexts = selections.ToDictionary(s => s, s => new ScoringContext(data.Train, new CoresetOptions
        {
            Seed = 1,
            ScoreEpochs = scoreEpochs,
            Greedy = s.EndsWith("marginal", StringComparison.Ordinal) ? Prune4RelGreedy.Marginal : Prune4RelGreedy.Own,
        }, "small-cnn", trainer with { Seed = 1 }, warmup: learner));
        try
        {
            foreach (var fraction in fractions)
            {
                foreach (var selection in selections)
                {
                    var method = selection.StartsWith("prune4rel", StringComparison.Ordinal) ? "prune4rel" : selection;
                    var kept = CoresetMethods.Create(method).Select(contexts[selection], fraction).Kept;
                    using var run = TrainRun.Execute(new TrainRunOptions
                    {
                        Data = dataOptions, Trainer = trainer, EvaluateEveryEpoch = false, Subset = kept, Learner = learner,
                    }, data);
                    var noisyKept = kept.Count(i => data.Train.NoisyMask![i]) / (double)kept.Length;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {selection} | {fraction} | {noisyKept:P1} | {run.TestAccuracy:F4} | {run.LabelCorrection!.Accuracy:P1} |"));
                }
            }
        }
        finally
        {
            foreach (var context in contexts.Values) context.Dispose();
        }
        return 0;
    }
}
