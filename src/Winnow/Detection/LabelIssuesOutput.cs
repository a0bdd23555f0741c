using System.Globalization;
using System.Text;
using Winnow.Output;
using Winnow.Runs;

namespace Winnow.Detection;

/// <summary>
/// Confident learning's files, what a user acts on: label_issues.csv (every training sample,
/// lowest label quality first, with its given and suggested label and whether it is a label
/// issue), summary.json (estimated noise rate overall and per class, the estimated joint and the
/// counts behind it; precision, recall and F1 of the flags where the truth is known),
/// joint.png (the estimated joint of given and true labels) and probabilities.npy (the
/// out-of-sample probabilities, [N, K], to bring back with your own model's or to inspect).
/// </summary>
public static class LabelIssuesOutput
{
    public const string IssuesFile = "label_issues.csv";
    public const string SummaryFile = "summary.json";

    public static void Write(string directory, RunResult run, DetectedLabelIssues detected, bool[]? noisy)
    {
        var train = run.Data.Train;
        var names = run.Data.Source.ClassNames;
        var issues = detected.Issues;
        var quality = detected.Quality;
        var order = Enumerable.Range(0, train.Count).OrderBy(i => quality[i]).ToArray();
        var csv = new StringBuilder("rank,index,source_row,given_label,given_class,suggested_label,suggested_class,label_quality,is_label_issue");
        if (noisy is not null) csv.Append(",true_label,noisy");
        var paths = run.Data.TrainPaths;
        if (paths is not null) csv.Append(",path");
        csv.Append('\n');
        for (var r = 0; r < order.Length; r++)
        {
            var i = order[r];
            var given = train.Labels[i];
            var suggested = issues.SuggestedLabels[i];
            csv.Append(CultureInfo.InvariantCulture,
                $"{r + 1},{i},{run.Data.SourceIndices[i]},{given},{CsvField.Quote(names[given])},{suggested},{CsvField.Quote(names[suggested])},{quality[i].ToString("R", CultureInfo.InvariantCulture)},{(issues.IsIssue[i] ? 1 : 0)}");
            if (noisy is not null) csv.Append(CultureInfo.InvariantCulture, $",{train.CleanLabels![i]},{(noisy[i] ? 1 : 0)}");
            if (paths is not null) csv.Append(',').Append(CsvField.Quote(paths[i]));
            csv.Append('\n');
        }
        AtomicFile.WriteAllText(Path.Combine(directory, IssuesFile), csv.ToString());
        Json.Write(Path.Combine(directory, SummaryFile), Summary(run, detected, noisy));
        JointPlot.Write(Path.Combine(directory, "joint.png"),
            string.Create(CultureInfo.InvariantCulture, $"estimated joint of given and true labels (noise rate {issues.NoiseRate:0.000})"), issues.Joint, names);
        NpyFile.Write(Path.Combine(directory, "probabilities.npy"), detected.Probabilities, train.Count, train.ClassCount);
    }

    /// <summary>What summary.json holds.</summary>
    public sealed record LabelIssueSummary(
        int Samples, IReadOnlyList<string> Classes, int LabelIssues, double EstimatedNoiseRate,
        IReadOnlyDictionary<string, double> EstimatedClassNoiseRates, double[][] EstimatedJoint, int[][] ConfidentJoint, int[][] CalibratedJoint,
        IReadOnlyDictionary<string, double> Thresholds, int? Folds, string IssueFilter, string LabelQuality)
    {
        /// <summary>Where the clean labels are known: the true share of wrong labels, per class too, and how the flags did.</summary>
        public double? NoiseRate { get; init; }
        public IReadOnlyDictionary<string, double>? ClassNoiseRates { get; init; }
        public double? IssuePrecision { get; init; }
        public double? IssueRecall { get; init; }
        public double? IssueF1 { get; init; }
        public IReadOnlyList<ScoreQuality>? Scores { get; init; }
    }

    private static LabelIssueSummary Summary(RunResult run, DetectedLabelIssues detected, bool[]? noisy)
    {
        var issues = detected.Issues;
        var train = run.Data.Train;
        var k = issues.ClassCount;
        var names = run.Data.Source.ClassNames.Take(k).ToArray();
        var summary = new LabelIssueSummary(train.Count, names, issues.IssueCount, issues.NoiseRate,
            PerClass(names, issues.ClassNoiseRates), Rows(issues.Joint), Rows(issues.ConfidentJoint), Rows(issues.CalibratedJoint),
            PerClass(names, issues.Thresholds), detected.Folds, run.Record.IssueFilter!, run.Record.LabelQuality!);
        if (noisy is null) return summary;
        var truth = Enumerable.Range(0, k).Select(c =>
        {
            var labelled = Enumerable.Range(0, train.Count).Where(i => train.Labels[i] == c).ToArray();
            return labelled.Length == 0 ? 0 : labelled.Count(i => noisy[i]) / (double)labelled.Length;
        }).ToArray();
        return summary with
        {
            NoiseRate = noisy.Count(n => n) / (double)noisy.Length,
            ClassNoiseRates = PerClass(names, truth),
            IssuePrecision = run.Record.IssuePrecision,
            IssueRecall = run.Record.IssueRecall,
            IssueF1 = run.Record.IssueF1,
            Scores = run.Record.Scores,
        };
    }

    private static Dictionary<string, double> PerClass(string[] names, double[] values) =>
        names.Select((n, c) => (n, c)).ToDictionary(p => p.n, p => values[p.c]);

    private static T[][] Rows<T>(T[,] matrix) =>
        Enumerable.Range(0, matrix.GetLength(0)).Select(i => Enumerable.Range(0, matrix.GetLength(1)).Select(j => matrix[i, j]).ToArray()).ToArray();
}
