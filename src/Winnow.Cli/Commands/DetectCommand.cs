using System.CommandLine;
using System.Globalization;
using Winnow.Cli.Console;
using Winnow.Detection;
using Winnow.Dynamic;
using Winnow.Runs;

namespace Winnow.Cli.Commands;

/// <summary>
/// `winnow detect`: train once on the full (noisy) data, then measure how well each score flags
/// the mislabeled samples (AUROC, average precision) and plot their clean vs noisy distributions.
/// </summary>
public static class DetectCommand
{
    public static Command Create()
    {
        var run = new RunOptions("Output folder: spec.json, detection.json, detection_scores.csv, distribution_SCORE.png, train/");
        var scores = new SettingOptions<DetectionSpec>();
        var alignment = new SettingOptions<AlignmentOptions>();
        var command = new Command("detect", "Train once, then measure how well each score (DAS, loss, EL2N, AUM, forgetting) flags the noisy labels");
        run.AddTo(command, learner: false);
        scores.AddTo(command);
        alignment.AddTo(command);
        run.AddOutputTo(command);
        command.SetAction(result => CommandRunner.Run(cancellation =>
        {
            var detection = scores.Read(result, new DetectionSpec()) with { Alignment = alignment.Read(result, new AlignmentOptions()) };
            var spec = run.Read(result) with { Detection = detection };
            var (directory, overwrite) = run.Output(result, spec);
            using var outcome = ProgressDisplay.Run(_ => "train", progress => Runner.Execute(spec, progress, cancellation));
            RunOutput.Write(directory, outcome, overwrite);
            if (outcome.Record.ReferenceSize is { } size) System.Console.Error.WriteLine($"das: a trusted reference set of {size} samples");
            foreach (var q in outcome.Record.Scores ?? [])
                System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{q.Score,-11} AUROC {Show(q.Auroc)}  average precision {Show(q.AveragePrecision)}"));
            System.Console.WriteLine($"-> {Path.Combine(directory, DetectionOutput.SummaryFile)}");
            return 0;
        }));
        return command;
    }

    private static string Show(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "undefined";
}
