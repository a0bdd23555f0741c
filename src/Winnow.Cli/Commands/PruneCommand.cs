using System.CommandLine;
using System.Globalization;
using Winnow.Cli.Console;
using Winnow.Experiments;
using Winnow.Runs;
using Winnow.Scoring;

namespace Winnow.Cli.Commands;

/// <summary>
/// `winnow prune`: score the training set with one method, keep a fraction, write scores.csv,
/// selection.txt and selection.json; with --train, also train on the kept set (into DIR/train).
/// A large selection is scored in shards: --surrogate-only saves the surrogates, --from scores one
/// shard from them, --merge selects from every shard's scores (<see cref="ShardedScoring"/>).
/// </summary>
public static class PruneCommand
{
    public static Command Create()
    {
        var run = new RunOptions("Output folder: spec.json, scores.csv, selection.txt, selection.json (and train/ with --train); the surrogates with --surrogate-only");
        run.Out.Required = false; // --from writes into its surrogate folder
        var method = new SettingOptions<StaticPruning>(optional: true);
        var scoring = new SettingOptions<CoresetOptions>();
        var train = new Option<bool>("--train")
        {
            Description = "Then train a fresh model on the kept samples (--epochs etc.) and record its test accuracy in selection.json",
        };
        var surrogateOnly = new Option<bool>("--surrogate-only")
        {
            Description = "Train and save the method's surrogates into --out, to be scored in shards (--from) on other workers",
        };
        var from = new Option<string>("--from") { Description = "Score one shard from the surrogates saved in this folder by --surrogate-only (the settings are the saved ones)" };
        var scoreShard = new Option<string>("--score-shard")
        {
            Description = "With --from: the shard K/N (1-based) of the samples to score; taken from a SLURM job array's SLURM_ARRAY_TASK_ID when not given",
        };
        var shardCount = new Option<int?>("--shard-count") { Description = "With --from: the number of shards where the index comes from a Kubernetes Indexed Job's JOB_COMPLETION_INDEX" };
        var merge = new Option<string>("--merge") { Description = "Select --fraction from every shard's scores in this surrogate folder (write into --out)" };
        var command = new Command("prune", "Choose a coreset (static pruning): score every training sample with a method and keep a fraction");
        method.AddTo(command);
        scoring.AddTo(command);
        run.AddTo(command);
        command.Options.Add(train);
        run.AddOutputTo(command);
        foreach (var option in new Option[] { surrogateOnly, from, scoreShard, shardCount, merge }) command.Options.Add(option);
        command.SetAction(result => CommandRunner.Run(cancellation =>
        {
            if (result.GetValue(from) is { } saved)
            {
                OnlyGiven(result, command, "--from", from, scoreShard, shardCount);
                var shard = GridShard.Resolve(result.GetValue(scoreShard), result.GetValue(shardCount), Environment.GetEnvironmentVariable)
                    ?? throw new WinnowException("--from needs the shard to score: --score-shard K/N, or run it as a job array's task");
                var scores = ProgressDisplay.Run(_ => $"score shard {shard}", progress => ShardedScoring.ScoreShard(saved, shard, progress, cancellation));
                System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"shard {shard} of {saved}: samples [{scores.From}, {scores.To}) scored with {scores.Method} in {scores.Seconds:F1} s"));
                System.Console.WriteLine($"-> {SurrogateFolder.ScoresPath(saved, shard.Name)}");
                return 0;
            }
            if (result.GetValue(merge) is { } folder)
            {
                OnlyGiven(result, command, "--merge", merge, method["fraction"], train, run.Out, run.Overwrite);
                if (!SettingOptions<StaticPruning>.IsGiven(result, method["fraction"])) throw new WinnowException("--merge needs the kept --fraction");
                var fraction = method.Read(result, new StaticPruning { Method = "random", Fraction = 1 }).Fraction;
                var (directory, overwrite) = Output(result, run);
                using var merged = ProgressDisplay.Run(phase => phase == "scoring" ? "select from the shards' scores" : "train on selection",
                    progress => ShardedScoring.Merge(folder, fraction, result.GetValue(train), progress, cancellation));
                return Report(merged, directory, overwrite, result.GetValue(train));
            }
            if (!SettingOptions<StaticPruning>.IsGiven(result, method["method"])) throw new WinnowException("prune needs a --method (see 'winnow methods')");
            if (!SettingOptions<StaticPruning>.IsGiven(result, method["fraction"]) && !result.GetValue(surrogateOnly)) throw new WinnowException("prune needs the kept --fraction");
            var pruning = method.Read(result, new StaticPruning { Method = "random", Fraction = 1 }) with
            {
                Scoring = scoring.Read(result, new CoresetOptions()),
                Train = result.GetValue(train),
            };
            var spec = run.Read(result) with { Pruning = pruning };
            if (result.GetValue(surrogateOnly))
            {
                if (pruning.Train) throw new WinnowException("--surrogate-only trains no selection: --train goes with --merge");
                var (target, replace) = Output(result, run);
                var manifest = ProgressDisplay.Run(_ => $"surrogates ({pruning.Method})", progress => ShardedScoring.TrainSurrogates(spec, target, replace, progress, cancellation));
                System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"surrogates of {manifest.Method} for {manifest.Data.Count} samples saved in {manifest.SurrogateSeconds:F1} s ({manifest.Runs.Count} runs, {manifest.Partitions.Count} partitions)"));
                System.Console.WriteLine($"-> {target}; next: winnow prune --from {target} --score-shard K/N for every K, then --merge {target} --fraction f --out DIR");
                return 0;
            }
            spec.Validate();
            var (output, overwriteOutput) = Output(result, run);
            using var outcome = ProgressDisplay.Run(phase => phase switch { "scoring" => $"score ({pruning.Method})", "teacher" => "teacher", _ => "train on selection" },
                progress => Runner.Execute(spec, progress, cancellation));
            return Report(outcome, output, overwriteOutput, pruning.Train);
        }));
        return command;
    }

    private static int Report(RunResult outcome, string directory, bool overwrite, bool trained)
    {
        RunOutput.Write(directory, outcome, overwrite);
        System.Console.WriteLine(RunLines.Selection(outcome.Record));
        if (trained) System.Console.WriteLine(RunLines.Training(outcome.Record, RunOutput.MetricsPath(directory, outcome)));
        System.Console.WriteLine($"-> {Path.Combine(directory, PruneOutput.SelectionTextFile)}, {Path.Combine(directory, PruneOutput.SelectionJsonFile)}");
        return 0;
    }

    /// <summary>The output folder, which every mode but --from needs.</summary>
    private static (string Directory, bool Overwrite) Output(ParseResult result, RunOptions run)
    {
        if (result.GetValue(run.Out) is not { } directory) throw new WinnowException("give the output folder: --out DIR");
        Winnow.Output.OutputFolder.Check(directory, result.GetValue(run.Overwrite));
        return (directory, result.GetValue(run.Overwrite));
    }

    /// <summary>Refuses options a mode does not read (its settings come from the saved surrogates), instead of ignoring them.</summary>
    private static void OnlyGiven(ParseResult result, Command command, string mode, params Option[] allowed)
    {
        var extra = command.Options.Where(o => !allowed.Contains(o) && SettingOptions<StaticPruning>.IsGiven(result, o)).Select(o => o.Name).ToArray();
        if (extra.Length > 0)
            throw new WinnowException($"{mode} takes its settings from the saved surrogates: drop {string.Join(", ", extra)}");
    }
}
