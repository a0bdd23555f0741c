using System.CommandLine;
using Winnow.Cli.Console;
using Winnow.Experiments;

namespace Winnow.Cli.Commands;

/// <summary>`winnow report DIR`: (re)write REPORT.md, results.csv and plots/ from a bench folder, also while it runs.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "A folder written by winnow bench" };
        var command = new Command("report", "Write REPORT.md (tables and plots) and results.csv from the results of a winnow bench folder");
        command.Arguments.Add(directory);
        command.SetAction(result => CommandRunner.Run(_ =>
        {
            Print(result.GetValue(directory)!);
            return 0; // failed runs are reported, not an error of the report
        }));
        return command;
    }

    /// <summary>Writes the report, prints each dataset's accuracy table and the report's path.</summary>
    internal static GridReport Print(string directory)
    {
        if (File.Exists(directory)) throw new WinnowException($"{directory} is a file, not a folder written by winnow bench");
        if (!Directory.Exists(directory)) throw new WinnowException($"{directory} does not exist");
        var report = GridReport.Load(directory);
        var path = report.Write(directory);
        foreach (var dataset in report.Datasets)
        {
            System.Console.WriteLine($"{dataset}: test accuracy (mean ± std over seeds)");
            System.Console.WriteLine(ReportMarkdown.AccuracyTable(report, dataset));
        }
        var failed = report.Failures.Count > 0 ? $", {report.Failures.Count} failed" : "";
        foreach (var shard in report.Shards.Where(s => !s.Complete)) System.Console.WriteLine(shard.Describe());
        if (report.Shards.Count > 0 && report.Shards.All(s => s.Complete)) System.Console.WriteLine($"merged {report.Shards.Count} shards, every one complete");
        System.Console.WriteLine($"{report.Rows.Count} of {report.Manifest.Runs.Count} runs finished{failed}; report -> {path}");
        return report;
    }
}
