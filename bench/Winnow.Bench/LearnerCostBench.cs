using System.Globalization;
using Winnow.Data;
using Winnow.Learners;
using Winnow.Learners.DivideMix;
using Winnow.Runs;
using Winnow.Training;

namespace Winnow.Bench;

/// <summary>
/// The cost of one training epoch with each learner relative to plain cross-entropy, on the same
/// data and model: SOP+ (a second, strongly augmented forward pass and the u/v updates),
/// distillation with cached teacher logits or a teacher pass per batch, and DivideMix (two
/// networks, the per-epoch loss split, co-guessing and MixUp). Every arm trains two epochs and
/// the second is timed (DivideMix's first is its cross-entropy warm-up); the one-off teacher
/// cache is reported apart. Rounds alternate the order; medians are reported.
/// </summary>
public static class LearnerCostBench
{
    public static int Run(string[] args)
    {
        var trainSize = BenchArgs.Int(args, "--train-size", 20000);
        var rounds = BenchArgs.Int(args, "--rounds", 2);
        var dataOptions = new DataOptions { Dataset = "fashion-mnist", TrainSize = trainSize, Noise = "symmetric:0.4", Seed = 1 };
        using var data = DataPipeline.Prepare(dataOptions);
        var teacherDir = Path.Combine(Path.GetTempPath(), $"winnow-bench-cost-teacher-{trainSize}");
        var one = new TrainRunOptions { Data = dataOptions, Trainer = new TrainerOptions { Epochs = 2 }, EvaluateEveryEpoch = false };
        using (var teacher = TrainRun.Execute(one, data)) RunDirectory.Write(teacherDir, teacher, TrainMetrics.From(teacher, dataOptions.Noise));

        var arms = new (string Name, TrainRunOptions Options)[]
        {
            ("ce", one),
            ("ce, weak augmentation", one with { Trainer = one.Trainer with { Augmentation = AugmentationStrength.Weak } }),
            ("sop (weak + strong views)", one with { Trainer = one.Trainer with { Augmentation = AugmentationStrength.Weak }, Learner = new LearnerOptions { Name = "sop" } }),
            ("kd, cached teacher logits", one with { Learner = new LearnerOptions { Teacher = teacherDir, KdAlpha = 0.5 } }),
            ("kd, teacher pass per batch (augmented)", one with { Trainer = one.Trainer with { Augmentation = AugmentationStrength.Weak }, Learner = new LearnerOptions { Teacher = teacherDir, KdAlpha = 0.5 } }),
            ("dividemix (weak augmentation)", one with { Learner = new LearnerOptions { Name = "dividemix", DivideMix = new DivideMixOptions { WarmupEpochs = 1 } } }),
        };
        var cache = new List<double>();
        var seconds = arms.ToDictionary(a => a.Name, _ => new List<double>());
        Run(arms[0], data, cache); // warm-up
        for (var round = 0; round < rounds; round++)
        {
            var order = round % 2 == 0 ? arms : arms.Reverse().ToArray();
            foreach (var arm in order) seconds[arm.Name].Add(Run(arm, data, cache));
        }
        Console.WriteLine($"fashion-mnist {trainSize} train, small-cnn, second epoch of each arm timed, {rounds} rounds in alternating order; teacher cache (once per run) {Median(cache):F2} s");
        Console.WriteLine("| learner | s/epoch (median) | relative to ce |");
        Console.WriteLine("|---|---|---|");
        var baseline = Median(seconds["ce"]);
        foreach (var (name, _) in arms)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median(seconds[name]):F2} | {Median(seconds[name]) / baseline:F2} |"));
        return 0;
    }

    private static double Run((string Name, TrainRunOptions Options) arm, PreparedData data, List<double> cache)
    {
        using var run = TrainRun.Execute(arm.Options, data);
        if (run.Trainer?.Learner is DistillationLearner { Cached: true } kd) cache.Add(kd.CacheSeconds);
        return run.Epochs[^1].Seconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
