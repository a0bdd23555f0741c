using System.Globalization;
using System.Text;
using Winnow.Output;
using Winnow.Runs;

namespace Winnow.Detection;

/// <summary>
/// The files of a detection run: detection.json (the <see cref="RunRecord"/>), detection_scores.csv
/// (index, source row, label, noisy where known, one column a score), for every trajectory score a
/// ranked list ranked_SCORE.csv, confident learning's files (<see cref="LabelIssuesOutput"/>), and —
/// where the clean labels are known — one PNG a score of its clean vs noisy distributions.
/// </summary>
public static class DetectionOutput
{
    public const string SummaryFile = "detection.json";

    public static void Write(string directory, RunResult run)
    {
        var scores = run.DetectionScores ?? throw new InvalidOperationException("the run measured no detection score");
        var labels = run.Data.Train.Labels;
        var rows = run.Data.SourceIndices;
        // The noisy column and plots only where the record graded the scores, i.e. the clean labels are known.
        var noisy = run.Record.Scores is not null ? run.Data.Train.NoisyMask : null;
        var names = scores.Keys.ToArray();
        var csv = new StringBuilder("index,source_row,label");
        if (noisy is not null) csv.Append(",noisy");
        foreach (var name in names) csv.Append(',').Append(name);
        var paths = run.Data.TrainPaths;
        if (paths is not null) csv.Append(",path");
        csv.Append('\n');
        for (var i = 0; i < labels.Length; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},{rows[i]},{labels[i]}");
            if (noisy is not null) csv.Append(noisy[i] ? ",1" : ",0");
            foreach (var name in names) csv.Append(',').Append(scores[name][i].ToString("R", CultureInfo.InvariantCulture));
            if (paths is not null) csv.Append(',').Append(CsvField.Quote(paths[i]));
            csv.Append('\n');
        }
        AtomicFile.WriteAllText(Path.Combine(directory, "detection_scores.csv"), csv.ToString());
        var flagged = run.LabelIssues?.Issues.IssueCount;
        foreach (var name in names.Where(n => n != DetectionSpec.ConfidentLearningScore))
            RankedList.Write(Path.Combine(directory, $"ranked_{name}.csv"), run, name, scores[name], flagged, noisy);
        if (run.LabelIssues is { } issues) LabelIssuesOutput.Write(directory, run, issues, noisy);
        foreach (var quality in run.Record.Scores ?? [])
            DistributionPlot.Write(Path.Combine(directory, $"distribution_{quality.Score}.png"),
                string.Create(CultureInfo.InvariantCulture, $"{quality.Score}: AUROC {Show(quality.Auroc)}, AP {Show(quality.AveragePrecision)}"),
                scores[quality.Score], noisy!);
        Json.Write(Path.Combine(directory, SummaryFile), run.Record);
    }

    private static string Show(double? value) => value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "undefined";
}
