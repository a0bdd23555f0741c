using System.CommandLine;
using Winnow.Cli.Console;
using Winnow.Runs;
using Winnow.Scoring;

namespace Winnow.Cli.Commands;

/// <summary>
/// `winnow prune`: score the training set with one method, keep a fraction, write scores.csv,
/// selection.txt and selection.json; with --train, also train on the kept set (into DIR/train).
/// </summary>
public static class PruneCommand
{
    public static Command Create()
    {
        var run = new RunOptions("Output folder: spec.json, scores.csv, selection.txt, selection.json (and train/ with --train)");
        var method = new SettingOptions<StaticPruning>();
        var scoring = new SettingOptions<CoresetOptions>();
        var train = new Option<bool>("--train")
        {
            Description = "Then train a fresh model on the kept samples (--epochs etc.) and record its test accuracy in selection.json",
        };
        var command = new Command("prune", "Choose a coreset (static pruning): score every training sample with a method and keep a fraction");
        method.AddTo(command);
        scoring.AddTo(command);
        run.AddTo(command);
        command.Options.Add(train);
        run.AddOutputTo(command);
        command.SetAction(result => CommandRunner.Run(cancellation =>
        {
            var pruning = method.Read(result, new StaticPruning { Method = "random", Fraction = 1 }) with
            {
                Scoring = scoring.Read(result, new CoresetOptions()),
                Train = result.GetValue(train),
            };
            var spec = run.Read(result) with { Pruning = pruning };
            var (directory, overwrite) = run.Output(result, spec);
            using var outcome = ProgressDisplay.Run(phase => phase switch { "scoring" => $"score ({pruning.Method})", "teacher" => "teacher", _ => "train on selection" },
                progress => Runner.Execute(spec, progress, cancellation));
            RunOutput.Write(directory, outcome, overwrite);
            System.Console.WriteLine(RunLines.Selection(outcome.Record));
            if (pruning.Train) System.Console.WriteLine(RunLines.Training(outcome.Record, RunOutput.MetricsPath(directory, outcome)));
            System.Console.WriteLine($"-> {Path.Combine(directory, PruneOutput.SelectionTextFile)}, {Path.Combine(directory, PruneOutput.SelectionJsonFile)}");
            return 0;
        }));
        return command;
    }
}
