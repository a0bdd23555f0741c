using Winnow.Experiments;
using Winnow.Tests.Support;

namespace Winnow.Tests.Experiments;

public class BenchCommandTests
{
    [Fact]
    public void BenchRunsAGridPrintsTheAccuracyTableAndReportPath()
    {
        using var tiny = new GridTestSupport.TinyData(trainCount: 120, testCount: 30);
        var data = tiny.Path;
        var gridFile = Path.Combine(data, "tiny.json");
        File.WriteAllText(gridFile, GridTestSupport.Grid(data, """["full", "random"]""", seeds: "[1]", epochs: 2));
        var output = Path.Combine(data, "out");
        var result = CliProcess.Run("bench", "--grid", gridFile, "--out", output);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("| noise | arm | f = 0.5 | full / dynamic |", result.Stdout);
        Assert.Matches(@"\| symmetric:0.3 \| random \| [01]\.\d{4} \| — \|", result.Stdout);
        Assert.Contains($"report -> {Path.Combine(output, GridReport.MarkdownFile)}", result.Stdout);
        Assert.Contains("[2/2] done: test accuracy", result.Stderr);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(output, ResultStore.FileName)).Length);

        var again = CliProcess.Run("report", output);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("2 of 2 runs finished", again.Stdout);
    }

    [Fact]
    public void AFailedRunLetsTheGridFinishThenExitsWithCode1AndOneErrorLine()
    {
        using var tiny = new GridTestSupport.TinyData(trainCount: 120, testCount: 30);
        var gridFile = Path.Combine(tiny.Path, "tiny.json");
        File.WriteAllText(gridFile, GridTestSupport.Grid(tiny.Path, """[{"method": "random", "learner": "dividemix", "dividemix_warmup": 1}, "random"]""",
            seeds: "[1]", fractions: "[0.05]", epochs: 2));
        var output = Path.Combine(tiny.Path, "out");
        var result = CliProcess.Run("bench", "--grid", gridFile, "--out", output);
        Assert.True(result.ExitCode == 1, result.Stderr);
        Assert.Contains("[1/2] failed: DivideMix needs at least 10 training samples", result.Stderr);
        Assert.Contains("[2/2] done: test accuracy", result.Stderr);
        var errors = result.Stderr.Split('\n').Where(l => l.StartsWith("error", StringComparison.Ordinal)).ToArray();
        Assert.Equal("error: 1 of 2 runs failed (first: random + dividemix, seed 1: DivideMix needs at least 10 training samples to split into labeled and unlabeled (got 6)); see REPORT.md",
            Assert.Single(errors));
        Assert.Contains("1 of 2 runs finished, 1 failed; report ->", result.Stdout);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public void ReportOfAFileSaysItIsAFile()
    {
        using var folder = new TempFolder();
        var file = folder.File("results.jsonl");
        File.WriteAllText(file, "");
        var result = CliProcess.Run("report", file);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {file} is a file, not a folder written by winnow bench", result.Stderr.Trim());
        var missing = CliProcess.Run("report", folder.File("nothing"));
        Assert.Equal($"error: {folder.File("nothing")} does not exist", missing.Stderr.Trim());
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "unknown key", "{\"datasets\": [\"d\"], \"noise\": [\"none\"], \"seeds\": [1],\n \"arms\": [{\"full\": true, \"epochs\": 3}]}", "tiny.json:2: arms[0].epochs: unknown key 'epochs' in a full-data arm" },
        { "empty grid", "{\"datasets\": [\"d\"], \"noise\": [\"none\"], \"seeds\": [1], \"arms\": []}", "arms: is empty" },
        { "locked folder", "LOCKED", "in use by another winnow bench" },
        { "missing grid file", "MISSING", "grid file not found" },
        { "no output folder name", "NO-OUT", "error: the output folder has no name" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputGivesOneErrorLineAndExitCode2(string because, string grid, string message)
    {
        using var tiny = new GridTestSupport.TinyData(trainCount: 30, testCount: 6);
        var gridFile = Path.Combine(tiny.Path, "tiny.json");
        var output = Path.Combine(tiny.Path, "out");
        if (grid != "MISSING") File.WriteAllText(gridFile, grid == "LOCKED" ? GridTestSupport.Grid(tiny.Path, """["full"]""") : grid);
        using var held = grid == "LOCKED" ? GridLock.Acquire(output) : null;
        if (grid == "NO-OUT") File.WriteAllText(gridFile, GridTestSupport.Grid(tiny.Path, """["full"]"""));
        var result = CliProcess.Run("bench", "--grid", gridFile, "--out", grid == "NO-OUT" ? "" : output);
        Assert.True(result.ExitCode == 2, $"{because}: exit {result.ExitCode}, {result.Stderr}");
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error", StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length == 1, $"{because}: {result.Stderr}");
        Assert.Contains(message, lines[0]);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.False(File.Exists(Path.Combine(output, ResultStore.FileName)));
    }
}
