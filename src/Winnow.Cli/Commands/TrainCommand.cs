using System.CommandLine;
using Winnow.Cli.Console;
using Winnow.Dynamic;
using Winnow.Runs;

namespace Winnow.Cli.Commands;

/// <summary>
/// `winnow train`: train on (possibly noisy) data — all of it, a selection made before, or a
/// subset a dynamic pruner re-chooses every epoch — and write metrics, the epoch log, the
/// checkpoint and the trajectories.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var run = new RunOptions("Output folder: spec.json, metrics.json, epochs.csv, checkpoint/, trajectory_{loss,margin,correct}.npy, labels.npy");
        var subset = new SettingOptions<GivenSubset>(optional: true);
        var dynamic = new Option<string>("--dynamic")
        {
            Description = $"Dynamic pruning: none | {string.Join(" | ", DynamicPruners.Names)} (see 'winnow methods')",
            DefaultValueFactory = _ => "none",
        };
        var pruning = new SettingOptions<DynamicPruning>(hidden: "dynamic");
        var pruner = new SettingOptions<DynamicOptions>();
        var align = new Option<bool>("--align") { Description = "AlignPrune: rank by the Dynamic Alignment Score (the das signal) instead of the loss" };
        var alignment = new SettingOptions<AlignmentOptions>();
        var command = new Command("train", "Train a model on the (possibly noisy) training set, or a coreset of it, and record every sample's loss trajectory");
        run.AddTo(command);
        subset.AddTo(command);
        command.Options.Add(dynamic);
        pruning.AddTo(command);
        command.Options.Add(align);
        pruner.AddTo(command);
        alignment.AddTo(command);
        run.AddOutputTo(command);
        command.SetAction(result => CommandRunner.Run(cancellation =>
        {
            var spec = run.Read(result);
            var pruned = result.GetValue(dynamic)!;
            if (pruned != "none")
            {
                var chosen = pruning.Read(result, new DynamicPruning { Pruner = pruned }) with
                {
                    Options = pruner.Read(result, new DynamicOptions()),
                    Alignment = alignment.Read(result, new AlignmentOptions()),
                };
                if (result.GetValue(align)) chosen = chosen with { Signal = "das" };
                spec = spec with { Pruning = chosen };
            }
            else if (result.GetValue(align) || pruning.Given(result) || pruner.Given(result) || alignment.Given(result))
            {
                throw new WinnowException("--align and the dynamic-pruning options rank samples for a dynamic pruner: give --dynamic uniform|infobatch|ucb|epsilon-greedy");
            }
            if (subset.Given(result))
            {
                if (spec.Pruning is not NoPruning) throw new WinnowException("--subset and --dynamic cannot be combined");
                spec = spec with { Pruning = subset.Read(result, new GivenSubset { Selection = "" }) };
            }
            var (directory, overwrite) = run.Output(result, spec);
            using var outcome = ProgressDisplay.Run(_ => "train", progress => Runner.Execute(spec, progress, cancellation));
            RunOutput.Write(directory, outcome, overwrite);
            foreach (var line in RunLines.DetectionCurve(outcome.Record)) System.Console.WriteLine(line);
            System.Console.WriteLine(RunLines.Training(outcome.Record, RunOutput.MetricsPath(directory, outcome)));
            return 0;
        }));
        return command;
    }
}
