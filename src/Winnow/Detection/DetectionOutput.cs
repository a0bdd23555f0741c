using System.Globalization;
using System.Text;
using Winnow.Output;
using Winnow.Runs;

namespace Winnow.Detection;

/// <summary>
/// The files of a detection run: detection.json (the <see cref="RunRecord"/>, with the AUROC and
/// average precision of every score), detection_scores.csv (index, label, noisy, one column a
/// score) and one PNG a score of its clean vs noisy distributions.
/// </summary>
public static class DetectionOutput
{
    public const string SummaryFile = "detection.json";

    public static void Write(string directory, RunResult run)
    {
        var scores = run.DetectionScores ?? throw new InvalidOperationException("the run measured no detection score");
        var labels = run.Data.Train.Labels;
        var noisy = run.Data.Train.NoisyMask!;
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
        foreach (var quality in run.Record.Scores ?? [])
            DistributionPlot.Write(Path.Combine(directory, $"distribution_{quality.Score}.png"),
                string.Create(CultureInfo.InvariantCulture, $"{quality.Score}: AUROC {Show(quality.Auroc)}, AP {Show(quality.AveragePrecision)}"),
                scores[quality.Score], noisy);
        Json.Write(Path.Combine(directory, SummaryFile), run.Record);
    }

    private static string Show(double? value) => value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "undefined";
}
