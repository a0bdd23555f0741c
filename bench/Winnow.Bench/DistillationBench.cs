using System.Globalization;
using Winnow.Learners;
using Winnow.Runs;
using Winnow.Scoring;

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
        var spec = BenchRuns.Spec(trainSize, noise, epochs);
        using var resources = new SingleRunResources();
        var data = resources.Data(spec.Data, spec.Seed);
        Console.WriteLine($"fashion-mnist {trainSize} train, {noise} (rate {data.Train.NoiseRate:F3}), small-cnn, {epochs} epochs, T = 4, teacher = full-data run");

        using (var full = BenchRuns.Run(spec, resources))
        {
            Output.OutputFolder.Write(teacherDir, overwrite: true, full.SaveCheckpoint);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"full data, no KD (the teacher): test acc {full.Record.TestAccuracy:F4}, {full.Record.TrainSeconds:F1} s training ({full.Record.TrainSeconds / epochs:F1} s/epoch)"));
        }
        Console.WriteLine("| selection | f | α | test acc | s/epoch | teacher cache s |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var method in methods)
        {
            foreach (var fraction in fractions)
            {
                foreach (var alphaText in alphas)
                {
                    var distillation = alphaText == "none" ? null
                        : new DistillationOptions { Teacher = teacherDir, Alpha = alphaText == "auto" ? null : double.Parse(alphaText, CultureInfo.InvariantCulture) };
                    using var run = BenchRuns.Run(spec with
                    {
                        Pruning = new StaticPruning { Method = method, Fraction = fraction },
                        Learner = new LearnerOptions { Distillation = distillation },
                    }, resources);
                    var r = run.Record;
                    var alphaLabel = r.KdAlpha is not { } alpha ? "no KD" : alphaText == "auto" ? $"auto ({alpha:0.###})" : alpha.ToString("0.###", CultureInfo.InvariantCulture);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {method} | {fraction} | {alphaLabel} | {r.TestAccuracy:F4} | {r.TrainSeconds / epochs:F2} | {r.KdTeacherCacheSeconds ?? 0:F2} |"));
                }
            }
        }
        return 0;
    }
}
