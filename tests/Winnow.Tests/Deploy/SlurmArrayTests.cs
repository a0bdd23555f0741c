using System.Text.Json.Nodes;
using Winnow.Experiments;
using Winnow.Tests.Experiments;

namespace Winnow.Tests.Deploy;

/// <summary>
/// The shipped sbatch script on a real SLURM: the quick grid, shrunk to seconds, as a 3-task
/// array into one folder, merged by <c>winnow report</c>, equals the same grid run by one process.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class SlurmArrayTests
{
    [Fact]
    public void TheQuickGridAsAThreeTaskSlurmArrayReportsTheSingleProcessTable()
    {
        using var tiny = new GridTestSupport.TinyData();
        var grid = Path.Combine(tiny.Path, "quick-tiny.json");
        File.WriteAllText(grid, ShrunkQuickGrid(tiny.Path));
        // Both sides on one libtorch thread, as each 1-CPU array task is: the same numbers to the last digit.
        var single = Path.Combine(tiny.Path, "single");
        var alone = Winnow(["bench", "--grid", grid, "--out", single]);
        Assert.True(alone.ExitCode == 0, alone.Output);

        using var cluster = SlurmCluster.Start();
        var sharded = Path.Combine(tiny.Path, "sharded");
        var cli = Path.Combine(AppContext.BaseDirectory, "Winnow.Cli.dll");
        var (submitted, log) = cluster.Client(TimeSpan.FromMinutes(8), "sbatch", "--wait", "--array=1-3", "--cpus-per-task=1", "--mem=0",
            $"--output={Path.Combine(tiny.Path, "task-%a.out")}", $"--chdir={tiny.Path}",
            $"--export=ALL,WINNOW_GRID={grid},WINNOW_OUT={sharded},WINNOW=dotnet {cli},OMP_NUM_THREADS=1",
            Path.Combine(Support.Repository.Root, "deploy", "slurm", "winnow-grid.sbatch"));
        var tasks = string.Join("\n", Directory.GetFiles(tiny.Path, "task-*.out").Order().Select(f => $"== {Path.GetFileName(f)}\n{File.ReadAllText(f)}"));
        Assert.True(submitted == 0, $"sbatch --wait exited {submitted}: {log}\n{tasks}\n{cluster.Logs()}");
        Assert.Equal(3, Directory.GetFiles(sharded, "results.shard-*-of-3.jsonl").Length);
        Assert.Contains("shard 2/3", tasks);

        var report = Winnow(["report", sharded]);
        Assert.True(report.ExitCode == 0, report.Output);
        Assert.Contains("merged 3 shards, every one complete", report.Output);
        var table = Table(Winnow(["report", single]).Output);
        Assert.Equal(7, table.Split('\n').Length); // header, rule, the 5 arms
        Assert.Equal(table, Table(report.Output));
        Assert.Equal(8, GridTestSupport.WithoutTimings(sharded).Length);
        Assert.Equal(GridTestSupport.WithoutTimings(single).Order(), GridTestSupport.WithoutTimings(sharded).Order());
    }

    /// <summary>bench/grids/quick.json on the tiny dataset, 3 epochs: seconds a run.</summary>
    private static string ShrunkQuickGrid(string data)
    {
        var grid = JsonNode.Parse(File.ReadAllText(Path.Combine(Support.Repository.Root, "bench", "grids", "quick.json")))!.AsObject();
        grid["datasets"] = new JsonArray(new JsonObject { ["name"] = $"idx:{data}" });
        grid["trainer"] = new JsonObject { ["epochs"] = 3, ["batch_size"] = 32 };
        grid["scoring"] = new JsonObject { ["score_epochs"] = 1 };
        return grid.ToJsonString();
    }

    /// <summary>The accuracy table winnow prints: the lines of the markdown table.</summary>
    private static string Table(string output) => string.Join("\n", output.Split('\n').Where(l => l.StartsWith('|')));

    private static (int ExitCode, string Output) Winnow(string[] args)
    {
        var outcome = Support.CliProcess.RunWith([("OMP_NUM_THREADS", "1")], args);
        return (outcome.ExitCode, outcome.Stdout + outcome.Stderr);
    }
}
