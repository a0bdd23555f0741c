using System.Globalization;
using System.Text;
using Winnow.Output;

namespace Winnow.Experiments;

/// <summary>results.csv: one line per finished run of the current grid, for spreadsheets and pandas (empty = does not apply).</summary>
public static class ReportCsv
{
    private static readonly string[] Header =
    [
        "hash", "dataset", "noise", "seed", "arm", "kind", "fraction", "learner", "test_accuracy", "wall_seconds", "wall_vs_full",
        "train_seconds", "samples_backpropagated", "fraction_of_full_training", "selection_samples_backpropagated", "selection_seconds",
        "compute_fraction", "subset_size", "noise_rate", "noisy_total", "noisy_kept", "noisy_kept_fraction", "noisy_share_trained",
        "detection_auroc", "detection_score", "label_correction_accuracy", "kd_alpha", "teacher", "das_auroc_while_pruning",
    ];

    public static void Write(string path, GridReport report)
    {
        var runs = report.Manifest.Runs.ToDictionary(r => r.Hash);
        var rows = report.Rows.ToDictionary(r => r.Hash);
        var text = new StringBuilder(string.Join(',', Header)).Append('\n');
        foreach (var row in report.Rows)
        {
            var run = runs[row.Hash];
            var m = row.Metrics;
            double? wallVsFull = rows.TryGetValue(run.FullHash, out var full) && full.Metrics.WallSeconds > 0 ? m.WallSeconds / full.Metrics.WallSeconds : null;
            object?[] values =
            [
                row.Hash, run.Dataset, run.Noise, run.Seed, run.Arm, run.Kind, run.Fraction, m.Learner, m.TestAccuracy, m.WallSeconds, wallVsFull,
                m.TrainSeconds, m.SamplesBackpropagated, m.FractionOfFullTraining, m.SelectionSamplesBackpropagated, m.SelectionSeconds,
                m.ComputeFraction, m.SubsetSize, m.NoiseRate, m.NoisyTotal, m.NoisyKept, m.NoisyKeptFraction, m.NoisyShareTrained,
                m.DetectionAuroc, m.DetectionScore, m.LabelCorrectionAccuracy, m.KdAlpha, m.Teacher,
                Detection.DetectionCurve.MeanWhilePruning(m.DetectionCurve, p => p.AurocDas),
            ];
            text.Append(string.Join(',', values.Select(Field))).Append('\n');
        }
        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>RFC 4180: quote a field holding a comma, quote or line break (dataset names like csv:a.csv,b.csv do).</summary>
    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return CsvField.Quote(text);
    }
}
