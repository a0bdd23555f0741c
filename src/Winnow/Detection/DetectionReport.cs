using System.Globalization;
using System.Text;
using Winnow.Metrics;
using Winnow.Output;

namespace Winnow.Detection;

/// <summary>
/// How well each score flags the mislabeled samples: AUROC and average precision, written as
/// detection.json, the scores as detection_scores.csv (index, label, noisy, one column a score)
/// and one PNG a score of its clean vs noisy distributions.
/// </summary>
public static class DetectionReport
{
    public sealed record ScoreQuality(string Score, double Auroc, double AveragePrecision);

    public sealed record Summary(string Dataset, string Noise, double NoiseRate, int TrainSize, int NoisySamples, int Epochs,
        int? ReferenceSize, int? DasWindow, IReadOnlyList<ScoreQuality> Scores);

    public static ScoreQuality Measure(string name, float[] scores, bool[] noisy) =>
        new(name, Auroc.Compute(scores, noisy), AveragePrecision.Compute(scores, noisy));

    public static void Write(string directory, Summary summary, IReadOnlyDictionary<string, float[]> scores, int[] labels, bool[] noisy)
    {
        Directory.CreateDirectory(directory);
        var names = scores.Keys.ToArray();
        var csv = new StringBuilder("index,label,noisy");
        foreach (var name in names) csv.Append(',').Append(name);
        csv.Append('\n');
        for (var i = 0; i < labels.Length; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},{labels[i]},{(noisy[i] ? 1 : 0)}");
            foreach (var name in names) csv.Append(',').Append(scores[name][i].ToString("R", CultureInfo.InvariantCulture));
            csv.Append('\n');
        }
        AtomicFile.WriteAllText(Path.Combine(directory, "detection_scores.csv"), csv.ToString());
        foreach (var quality in summary.Scores)
            DistributionPlot.Write(Path.Combine(directory, $"distribution_{quality.Score}.png"),
                string.Create(CultureInfo.InvariantCulture, $"{quality.Score}: AUROC {quality.Auroc:F3}, AP {quality.AveragePrecision:F3}"),
                scores[quality.Score], noisy);
        Json.Write(Path.Combine(directory, "detection.json"), summary);
    }
}
