using System.CommandLine;
using System.Globalization;
using Winnow.Cli.Console;
using Winnow.Detection;
using Winnow.Dynamic;
using Winnow.Runs;

namespace Winnow.Cli.Commands;

/// <summary>
/// `winnow detect`: which labels look wrong, on any data. Confident learning on out-of-sample
/// probabilities from K-fold cross-validation gives label_issues.csv (ranked, with suggested
/// labels) and summary.json; one training on all the data gives the trajectory scores, each with
/// its ranked list. Where the clean labels are known (injected noise, a label file) it also
/// measures every score (AUROC, average precision) and the flags (precision, recall, F1).
/// </summary>
public static class DetectCommand
{
    public static Command Create()
    {
        var run = new RunOptions("Output folder: spec.json, detection.json, label_issues.csv, summary.json, joint.png, probabilities.npy, detection_scores.csv, ranked_SCORE.csv, distribution_SCORE.png (clean labels known), train/");
        var scores = new SettingOptions<DetectionSpec>();
        var alignment = new SettingOptions<AlignmentOptions>();
        var command = new Command("detect", "Find the labels that look wrong: confident learning's ranked label issues with suggested labels, and trajectory scores (loss, mean loss, EL2N, AUM, forgetting, DAS); graded where the clean labels are known");
        run.AddTo(command, learner: false);
        scores.AddTo(command);
        alignment.AddTo(command);
        run.AddOutputTo(command);
        command.SetAction(result => CommandRunner.Run(cancellation =>
        {
            var detection = scores.Read(result, new DetectionSpec()) with { Alignment = alignment.Read(result, new AlignmentOptions()) };
            var spec = run.Read(result) with { Detection = detection };
            var (directory, overwrite) = run.Output(result, spec);
            var names = detection.NamesFor(referenceAvailable: spec.Data.NoiseSpec.Kind != Data.Noise.NoiseKind.None);
            if (names.Contains(DetectionSpec.ConfidentLearningScore) && detection.Probabilities is null)
                System.Console.Error.WriteLine($"confident learning: {detection.Folds}-fold cross-validation, {detection.Folds} trainings each on {detection.Folds - 1}/{detection.Folds} of the samples"
                    + (names.Any(n => n != DetectionSpec.ConfidentLearningScore) ? ", then one on all of them for the trajectory scores" : ""));
            using var outcome = ProgressDisplay.Run(phase => phase == "training" ? "train" : phase, progress => Runner.Execute(spec, progress, cancellation));
            RunOutput.Write(directory, outcome, overwrite);
            var record = outcome.Record;
            if (record.ReferenceSize is { } size) System.Console.Error.WriteLine($"das: a trusted reference set of {size} samples");
            if (record.LabelIssues is { } found)
            {
                System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"label issues: {found} of {record.TrainSize} samples; estimated noise rate {record.EstimatedNoiseRate:0.0000}") + (record.Scores is null ? "" : string.Create(CultureInfo.InvariantCulture,
                    $" (true {record.NoiseRate:0.0000}); precision {Show(record.IssuePrecision)} recall {Show(record.IssueRecall)} F1 {Show(record.IssueF1)}")));
                System.Console.WriteLine($"-> {Path.Combine(directory, LabelIssuesOutput.IssuesFile)}");
            }
            foreach (var line in RunLines.DetectionCurve(record)) System.Console.WriteLine(line);
            foreach (var q in record.Scores ?? [])
                System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{q.Score,-11} AUROC {Show(q.Auroc)}  average precision {Show(q.AveragePrecision)}"));
            System.Console.WriteLine($"-> {Path.Combine(directory, DetectionOutput.SummaryFile)}");
            return 0;
        }));
        return command;
    }

    private static string Show(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "undefined";
}
