using System.CommandLine;
using Winnow.Cli.Console;
using Winnow.Experiments;

namespace Winnow.Cli.Commands;

/// <summary>
/// `winnow bench --grid FILE --out DIR`: run every run of a grid file into DIR (resuming: finished
/// runs are skipped), then write the report and print its accuracy table.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var grid = new Option<string>("--grid")
        {
            Description = $"Grid file (JSON, or YAML by its .yaml/.yml extension), or the name of a grid that comes with winnow ({string.Join(", ", ShippedGrids.Names)}): datasets, noise, fractions, seeds, trainer, arms",
            Required = true,
        };
        var output = new Option<string>("--out")
        {
            Description = "Output folder: results.jsonl (one line per finished run), grid.json, REPORT.md, results.csv, plots/, teachers/",
            Required = true,
        };
        var update = new Option<bool>("--update")
        {
            Description = "The folder holds results of another (e.g. edited) grid: run this grid there anyway, reusing runs whose configuration is unchanged",
        };
        var retryFailed = new Option<bool>("--retry-failed")
        {
            Description = "Run again the runs that failed before (failures.jsonl); otherwise they are skipped, since with the same seed they fail the same way",
        };
        var device = new Option<string>("--device")
        {
            Description = $"Where every run computes, instead of the grid's 'device': {ComputeDevice.Forms} (auto: CUDA when libtorch sees a GPU, else the CPU)",
        };
        var shard = new Option<string>("--shard")
        {
            Description = "Run only shard K of N (K/N, 1-based) into the folder, beside the other shards; taken from a SLURM job array's SLURM_ARRAY_TASK_ID when not given",
        };
        var shardCount = new Option<int?>("--shard-count")
        {
            Description = "The number of shards where the index comes from a Kubernetes Indexed Job's JOB_COMPLETION_INDEX (its completions)",
        };
        var command = new Command("bench", "Run a grid of experiments (arm × kept fraction × noise × seed), resumable, and write a report with tables and plots");
        command.Options.Add(grid);
        command.Options.Add(output);
        command.Options.Add(update);
        command.Options.Add(retryFailed);
        command.Options.Add(device);
        command.Options.Add(shard);
        command.Options.Add(shardCount);
        command.SetAction(result => CommandRunner.Run(cancellation =>
        {
            var spec = GridFile.Read(ShippedGrids.Resolve(result.GetValue(grid)!));
            if (result.GetValue(device) is { } asked) spec = spec.OnDevice(asked);
            var outDir = result.GetValue(output)!;
            if (string.IsNullOrWhiteSpace(outDir)) throw new WinnowException("the output folder has no name");
            var runs = GridExpansion.Expand(spec);
            var part = GridShard.Resolve(result.GetValue(shard), result.GetValue(shardCount), Environment.GetEnvironmentVariable) ?? GridShard.Whole;
            var mine = ShardPlan.RunsOf(runs, part).Select(r => r.Hash).ToHashSet();
            var which = part.IsWhole ? "" : $", shard {part}: {mine.Count} of them";
            System.Console.Error.WriteLine($"grid '{spec.Name}': {runs.Count} runs{which} on {runs.FirstOrDefault()?.Spec.Device ?? spec.ResolvedDevice()} -> {outDir}");
            if (!part.IsWhole && mine.Count == 0)
                System.Console.Error.WriteLine($"note: shard {part} has no runs: the grid has fewer groups of runs that share work than shards");
            var summary = GridProgressDisplay.Run(progress =>
                GridRunner.Run(spec, outDir, result.GetValue(update), progress, cancellation, result.GetValue(retryFailed), part));
            System.Console.Error.WriteLine(summary.Describe());
            var report = ReportCommand.Print(outDir);
            var failures = report.Failures.Where(f => mine.Contains(f.Run.Hash)).ToArray();
            if (failures.Length == 0) return 0;
            // Every other run finished and is reported; the exit code still says that the grid (or this shard) is not whole.
            var first = failures[0];
            System.Console.Error.WriteLine($"error: {failures.Length} of {mine.Count} runs failed (first: {first.Run.Arm}, seed {first.Run.Seed}: {first.Error}); see REPORT.md");
            return 1;
        }));
        return command;
    }
}
