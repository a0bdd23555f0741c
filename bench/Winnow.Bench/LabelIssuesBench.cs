using System.Diagnostics;
using System.Globalization;
using Winnow.Detection;
using Winnow.Metrics;
using Winnow.Runs;

namespace Winnow.Bench;

/// <summary>
/// Label issues on Fashion-MNIST under each noise kind: one detection run each (confident learning
/// on K-fold out-of-sample probabilities, the trajectory scores from one training on all the
/// data), graded against the injected truth: the flags' precision, recall and F1, the estimated
/// against the true noise rate, and the AUROC of every score — confident learning's under each of
/// its three label qualities, computed from the same probabilities, to choose the default.
/// </summary>
public static class LabelIssuesBench
{
    public static int Run(string[] args)
    {
        var trainSize = BenchArgs.Int(args, "--train-size", 20000);
        var epochs = BenchArgs.Int(args, "--epochs", 8);
        var folds = BenchArgs.Int(args, "--folds", 5);
        var noises = BenchArgs.List(args, "--noises", "symmetric:0.4,asymmetric:0.4,instance:0.4");
        Console.WriteLine($"fashion-mnist {trainSize} train, small-cnn, {epochs} epochs, {folds}-fold cross-validation; das with 1% trusted samples");
        Console.WriteLine("| noise | true rate | estimated | issues | precision | recall | F1 | AUROC cl (self_confidence / normalized_margin / confidence_weighted_entropy) | loss | mean-loss | el2n | aum | forgetting | das | wall s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var noise in noises)
        {
            var spec = BenchRuns.Spec(trainSize, noise, epochs) with { Detection = new DetectionSpec { Folds = folds } };
            var watch = Stopwatch.StartNew();
            using var resources = new SingleRunResources();
            using var run = BenchRuns.Run(spec, resources);
            var seconds = watch.Elapsed.TotalSeconds;
            var r = run.Record;
            var issues = run.LabelIssues!;
            var train = run.Data.Train;
            var noisy = train.NoisyMask!;
            var qualities = Enum.GetValues<LabelQualityMethod>().Select(m =>
                Auroc.Compute(LabelQuality.Compute(m, train.Labels, issues.Probabilities, train.ClassCount).Select(q => (float)(1 - q)).ToArray(), noisy));
            string Of(string score) => r.Scores!.FirstOrDefault(s => s.Score == score)?.Auroc is { } a ? a.ToString("F4", CultureInfo.InvariantCulture) : "—";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {noise} | {r.NoiseRate:F4} | {r.EstimatedNoiseRate:F4} | {r.LabelIssues} | {r.IssuePrecision:F4} | {r.IssueRecall:F4} | {r.IssueF1:F4} | {string.Join(" / ", qualities.Select(q => q.ToString("F4", CultureInfo.InvariantCulture)))} | {Of("loss")} | {Of("mean-loss")} | {Of("el2n")} | {Of("aum")} | {Of("forgetting")} | {Of("das")} | {seconds:F0} |"));
        }
        return 0;
    }
}
