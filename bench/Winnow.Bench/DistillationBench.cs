using System.Globalization;
using Winnow.Data;
using Winnow.Learners;
using Winnow.Runs;
using Winnow.Scoring;
using Winnow.Training;

namespace Winnow.Bench;

/// <summary>
/// Knowledge distillation on a pruned, noisy Fashion-MNIST: a teacher trained on all the (noisy)
/// training data, then students trained on kept fractions chosen by random and by a static score,
/// with each distillation weight α of the sweep (and "auto"); plus full data without KD, the
/// baseline of the KD paper's claim that a random half with KD matches it.
/// </summary>
public static class DistillationBench
{
    public static int Run(string[] args)
    {
        var trainSize = BenchArgs.Int(args, "--train-size", 20000);
        var epochs = BenchArgs.Int(args, "--epochs", 8);
        var noise = BenchArgs.Text(args, "--noise") ?? "symmetric:0.4";
        var fractions = BenchArgs.Numbers(args, "--fractions", "0.1,0.3,0.5");
        var methods = BenchArgs.List(args, "--methods", "random,ccs");
        var alphas = BenchArgs.List(args, "--alphas", "0,0.25,0.5,0.75,1");
        var teacherDir = Path.Combine(Path.GetTempPath(), $"winnow-bench-teacher-{trainSize}-{epochs}-{noise.Replace(':', '-')}");

        var dataOptions = new DataOptions { Dataset = "fashion-mnist", TrainSize = trainSize, Noise = noise, Seed = 1 };
        using var data = DataPipeline.Prepare(dataOptions);
        var trainer = new TrainerOptions { Epochs = epochs };
        var baseOptions = new TrainRunOptions { Data = dataOptions, Trainer = trainer, EvaluateEveryEpoch = false };
        Console.WriteLine($"fashion-mnist {trainSize} train, {noise} (rate {data.Train.NoiseRate:F3}), small-cnn, {epochs} epochs, T = 4, teacher = full-data run");

        using (var full = TrainRun.Execute(baseOptions, data))
        {
            RunDirectory.Write(teacherDir, full, TrainMetrics.From(full, noise));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"full data, no KD (the teacher): test acc {full.TestAccuracy:F4}, {full.TrainSeconds:F1} s training ({full.TrainSeconds / epochs:F1} s/epoch)"));
        }
        Console.WriteLine("| selection | f | α | test acc | s/epoch | teacher cache s |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var method in methods)
        {
            foreach (var fraction in fractions)
            {
                var pruned = PruneRun.Execute(data, method, fraction, new CoresetOptions { Seed = 1 }, null, trainer with { Seed = 1 });
                foreach (var alphaText in alphas)
                {
                    var learner = new LearnerOptions
                    {
                        Teacher = alphaText == "none" ? null : teacherDir,
                        KdAlpha = alphaText is "auto" or "none" ? null : Number(alphaText),
                    };
                    using var run = TrainRun.Execute(baseOptions with { Subset = pruned.Selection.Kept, Learner = learner }, data);
                    var kd = run.Trainer?.Learner as DistillationLearner;
                    var alphaLabel = kd is null ? "no KD" : alphaText == "auto" ? $"auto ({kd.Alpha:0.###})" : kd.Alpha.ToString("0.###", CultureInfo.InvariantCulture);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {method} | {fraction} | {alphaLabel} | {run.TestAccuracy:F4} | {run.TrainSeconds / epochs:F2} | {kd?.CacheSeconds ?? 0:F2} |"));
                }
            }
        }
        return 0;
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
