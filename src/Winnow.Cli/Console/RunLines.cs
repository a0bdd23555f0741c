using System.Globalization;
using Winnow.Runs;
using Winnow.Training;

namespace Winnow.Cli.Console;

/// <summary>The lines a finished run prints on stdout.</summary>
public static class RunLines
{
    /// <summary>"test accuracy 0.8177  noise rate 0.4000  learner ce … -> DIR/metrics.json".</summary>
    public static string Training(RunRecord r, string metricsPath) => string.Create(CultureInfo.InvariantCulture,
        $"test accuracy {r.TestAccuracy:F4}  noise rate {r.NoiseRate:F4}{Learner(r)}  ({Trained(r)}{r.Epochs} epochs, {r.FractionOfFullTraining:P0} of full training, {r.TrainSeconds:F1}s training) -> {metricsPath}");

    /// <summary>"el2n: kept 300 of 1000 (f = 0.3)  noisy kept 12 (4.0% of kept, 400 in all)  noise AUROC 0.913  scoring 0.4s + surrogate training 2.1s".</summary>
    public static string Selection(RunRecord r)
    {
        var noise = r.NoisyTotal is > 0 && r.NoisyKept is { } kept && r.SubsetSize is { } size
            ? string.Create(CultureInfo.InvariantCulture, $"  noisy kept {kept} ({kept / (double)size:P1} of kept, {r.NoisyTotal} in all)  noise AUROC {r.DetectionAuroc:F3}")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{r.Method}: kept {r.SubsetSize} of {r.TrainSize} (f = {r.Fraction}){noise}  scoring {r.ScoringSeconds:F1}s + surrogate training {r.SurrogateSeconds:F1}s");
    }

    /// <summary>
    /// The per-epoch detection curve as a table (none when the run measured none):
    /// "epoch  lr  das  loss  mean-loss", "pruning" on the epochs that trained on fewer than all samples.
    /// </summary>
    public static IReadOnlyList<string> DetectionCurve(RunRecord r)
    {
        if (r.DetectionCurve is not { Count: > 0 } curve) return [];
        var das = r.DetectionCurveReferenceSize is { } size
            ? string.Create(CultureInfo.InvariantCulture, $"das = −DAS over the last {r.DetectionCurveWindow} epochs trained against {size} reference samples")
            : "das not measured (no reference set)";
        var lines = new List<string>
        {
            $"noise detection AUROC per epoch (0.5 = chance; {das}):",
            string.Create(CultureInfo.InvariantCulture, $"  {"epoch",5}  {"lr",-8}  {"das",-5}  {"loss",-5}  mean-loss"),
        };
        static string Show(double? value) => value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "  —  ";
        foreach (var p in curve)
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  {p.Epoch,5}  {p.LearningRate,-8:G3}  {Show(p.AurocDas)}  {Show(p.AurocLoss)}  {Show(p.AurocMeanLoss)}{(p.PruningActive ? "      pruning" : "")}"));
        return lines;
    }

    /// <summary>The learner's part: distillation weight, labels corrected.</summary>
    private static string Learner(RunRecord r)
    {
        var text = "  learner " + r.Learner;
        if (r.KdAlpha is { } alpha) text += string.Create(CultureInfo.InvariantCulture, $" (α {alpha:0.###}, T {r.KdTemperature:0.###})");
        if (r.LabelCorrectionAccuracy is { } corrected) text += string.Create(CultureInfo.InvariantCulture, $"  noisy labels corrected {corrected:P1}");
        if (r.DetectionScore == "das" && r.DetectionAuroc is { } auroc) text += string.Create(CultureInfo.InvariantCulture, $"  DAS noise AUROC {auroc:F3}");
        return text;
    }

    private static string Trained(RunRecord r) => r.SubsetSize is { } size ? $"{size} of {r.TrainSize} samples, " : $"{r.Pruner} over {r.TrainSize} samples, ";
}

/// <summary>The one-line text of a finished epoch, shared by the plain log and the progress bar.</summary>
public static class EpochLine
{
    public static string Format(EpochSummary s, int epochs)
    {
        var test = s.TestAccuracy is { } t ? string.Create(CultureInfo.InvariantCulture, $" test_acc {t:F4}") : "";
        var noisy = s.NoisyTrainedOn is { } n ? $" noisy {n}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"epoch {s.Epoch + 1}/{epochs} lr {s.LearningRate:G3} samples {s.Samples}{noisy} loss {s.TrainLoss:F4} train_acc {s.TrainAccuracy:F4}{test} {s.Seconds:F1}s");
    }
}
