using System.Text.Json;
using Winnow.Tests.Support;

namespace Winnow.Tests.Cli;

/// <summary>
/// A run's folder never mixes two runs: a rerun into a folder holding another run's output is
/// refused unless --overwrite; with --overwrite the folder is replaced whole once the new run is
/// complete, so a rerun killed at any moment leaves the old output as it was, and a finished
/// rerun leaves no file of the earlier run behind.
/// </summary>
public class OutputFolderTests
{
    private static string[] Train(string data, string output, params string[] extra) =>
        ["train", "--dataset", $"idx:{data}", "--noise", "symmetric:0.2", "--batch-size", "32", .. extra, "--out", output];

    private static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);

    [Fact]
    public void ARerunIntoAFolderWithAnotherRunsOutputIsRefused()
    {
        var data = TinyIdx.Create(trainCount: 60, testCount: 12);
        var output = Path.Combine(data, "out");
        Assert.Equal(0, CliProcess.Run(Train(data, output, "--epochs", "1")).ExitCode);
        var before = Snapshot(output);
        var again = CliProcess.Run(Train(data, output, "--epochs", "1", "--seed", "2"));
        Assert.Equal(2, again.ExitCode);
        Assert.Equal($"error: the output folder {output} already holds files (another run's output?); give another folder, or overwrite it",
            TrainCommandTests.AssertOneLineError(again, "rerun"));
        Assert.Equal(before, Snapshot(output));
    }

    [Fact]
    public void AFinishedOverwriteLeavesNoFileOfTheEarlierRun()
    {
        var data = TinyIdx.Create(trainCount: 60, testCount: 12);
        var output = Path.Combine(data, "out");
        Assert.Equal(0, CliProcess.Run(Train(data, output, "--epochs", "2")).ExitCode);
        Assert.True(File.Exists(Path.Combine(output, "trajectory_loss.npy")));
        var divideMix = CliProcess.Run(Train(data, output, "--epochs", "2", "--learner", "dividemix", "--dividemix-warmup", "1", "--overwrite"));
        Assert.True(divideMix.ExitCode == 0, divideMix.Stderr);
        Assert.Empty(Directory.GetFiles(output, "trajectory_*.npy")); // DivideMix keeps no trajectory; the CE run's are gone
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        Assert.Equal("dividemix", metrics.RootElement.GetProperty("learner").GetString());

        var pruned = Path.Combine(data, "pruned");
        string[] Prune(string fraction, params string[] extra) =>
            ["prune", "--dataset", $"idx:{data}", "--method", "random", "--fraction", fraction, "--epochs", "1", .. extra, "--out", pruned];
        Assert.Equal(0, CliProcess.Run(Prune("0.5", "--train")).ExitCode);
        Assert.True(Directory.Exists(Path.Combine(pruned, "train")));
        Assert.Equal(0, CliProcess.Run(Prune("0.3", "--overwrite")).ExitCode);
        Assert.False(Directory.Exists(Path.Combine(pruned, "train")));
        Assert.Equal(18, File.ReadAllLines(Path.Combine(pruned, "selection.txt")).Count(l => !l.StartsWith('#')));
        Assert.Empty(Directory.GetDirectories(data, ".*.tmp"));
    }

    [Fact]
    public void ARerunKilledMidwayLeavesTheOldOutputWhole()
    {
        var data = TinyIdx.Create(trainCount: 120, testCount: 12);
        var output = Path.Combine(data, "out");
        Assert.Equal(0, CliProcess.Run(Train(data, output, "--epochs", "2")).ExitCode);
        var before = Snapshot(output);
        var killed = CliProcess.RunUntil(line => line.StartsWith("epoch 2/", StringComparison.Ordinal), pid => CliProcess.Signal(pid, "KILL"),
            Train(data, output, "--epochs", "200", "--seed", "5", "--overwrite"));
        Assert.NotEqual(0, killed.ExitCode);
        Assert.Equal(before, Snapshot(output));

        var pruned = Path.Combine(data, "pruned");
        string[] Prune(string epochs, params string[] extra) =>
            ["prune", "--dataset", $"idx:{data}", "--method", "small-loss", "--fraction", "0.5", "--score-epochs", epochs, "--epochs", "1", .. extra, "--out", pruned];
        Assert.Equal(0, CliProcess.Run(Prune("1")).ExitCode);
        var selection = Snapshot(pruned);
        CliProcess.RunUntil(line => line.Contains("epoch 2/", StringComparison.Ordinal), pid => CliProcess.Signal(pid, "KILL"),
            Prune("200", "--seed", "5", "--overwrite"));
        Assert.Equal(selection, Snapshot(pruned));
    }

    [Fact]
    public void CtrlCStopsTheRunWithOneLineAndExitCode130AndWritesNothing()
    {
        var data = TinyIdx.Create(trainCount: 120, testCount: 12);
        var output = Path.Combine(data, "out");
        var interrupted = CliProcess.RunUntil(line => line.StartsWith("epoch 1/", StringComparison.Ordinal), pid => CliProcess.Signal(pid, "INT"),
            Train(data, output, "--epochs", "100000"));
        Assert.Equal(130, interrupted.ExitCode);
        Assert.Equal("error: interrupted: the run stopped before it finished and wrote nothing", TrainCommandTests.AssertOneLineError(interrupted, "Ctrl-C"));
        Assert.False(Directory.Exists(output));
        Assert.Empty(Directory.GetDirectories(data, ".*.tmp"));
    }
}
