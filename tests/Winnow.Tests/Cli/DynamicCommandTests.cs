using System.Text.Json;
using Winnow.Tests.Support;

namespace Winnow.Tests.Cli;

public class DynamicCommandTests
{
    [Fact]
    public void InfoBatchWithAlignPruneTrainsOnFewerSamplesAndReportsThem()
    {
        var data = TinyIdx.Create(trainCount: 150, testCount: 30);
        var output = Path.Combine(data, "dyn");
        var result = CliProcess.Run("train", "--dataset", $"idx:{data}", "--noise", "symmetric:0.2", "--epochs", "5", "--batch-size", "32",
            "--seed", "2", "--dynamic", "infobatch", "--prune-ratio", "0.5", "--align", "--reference-size", "0.1", "--das-window", "2", "--out", output);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        var root = metrics.RootElement;
        Assert.Equal("infobatch", root.GetProperty("pruner").GetString());
        Assert.Equal("das", root.GetProperty("signal").GetString());
        Assert.Equal(2, root.GetProperty("das_window").GetInt32());
        Assert.Equal(15, root.GetProperty("reference_size").GetInt32());
        var backpropagated = root.GetProperty("samples_backpropagated").GetInt64();
        Assert.True(backpropagated < 5 * 150, $"{backpropagated}");
        Assert.Equal(backpropagated / (5.0 * 150), root.GetProperty("fraction_of_full_training").GetDouble(), 6);
        Assert.Equal(5, root.GetProperty("noisy_trained_per_epoch").GetArrayLength());
        Assert.Equal(30, root.GetProperty("noisy_trained_per_epoch")[0].GetInt32());
    }

    [Fact]
    public void MeanLossSignalRunsAndEveryEpochsDetectionAurocIsRecordedAndPrinted()
    {
        var data = TinyIdx.Create(trainCount: 150, testCount: 30);
        var output = Path.Combine(data, "dyn");
        var result = CliProcess.Run("train", "--dataset", $"idx:{data}", "--noise", "symmetric:0.3", "--epochs", "4", "--batch-size", "32",
            "--dynamic", "infobatch", "--signal", "mean-loss", "--das-window", "auto", "--out", output);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        var root = metrics.RootElement;
        Assert.Equal("mean-loss", root.GetProperty("signal").GetString());
        // No reference set is trained with: the curve's DAS uses the 1% of clean samples DAS would draw, over the auto window (5; the curve reads DAS over the epochs so far until the window fills).
        Assert.Equal(5, root.GetProperty("detection_curve_window").GetInt32());
        Assert.Equal(2, root.GetProperty("detection_curve_reference_size").GetInt32());
        var curve = root.GetProperty("detection_curve").EnumerateArray().ToArray();
        Assert.Equal([1, 2, 3, 4], curve.Select(p => p.GetProperty("epoch").GetInt32()));
        Assert.False(curve[0].TryGetProperty("auroc_das", out _)); // one epoch: no DAS yet (null, left out as every null is)
        foreach (var point in curve)
        {
            Assert.InRange(point.GetProperty("auroc_loss").GetDouble(), 0, 1);
            Assert.InRange(point.GetProperty("auroc_mean_loss").GetDouble(), 0, 1);
            Assert.True(point.GetProperty("learning_rate").GetDouble() > 0);
        }
        Assert.InRange(curve[1].GetProperty("auroc_das").GetDouble(), 0, 1);
        Assert.False(curve[0].GetProperty("pruning_active").GetBoolean()); // InfoBatch's first epoch is full data
        Assert.True(curve[1].GetProperty("pruning_active").GetBoolean());
        Assert.False(curve[3].GetProperty("pruning_active").GetBoolean()); // annealing from ⌊0.875 · 4⌋ = 3
        Assert.Contains("noise detection AUROC per epoch", result.Stdout);
        Assert.Matches(@"
 +2  \S+ +\d\.\d{3}  \d\.\d{3}  \d\.\d{3} +pruning
", result.Stdout);
    }

    [Fact]
    public void AlignWithoutAReferenceDrawsOnePercentOfTheSamplesKnownToBeClean()
    {
        var data = TinyIdx.Create(trainCount: 150, testCount: 30);
        var output = Path.Combine(data, "dyn");
        var result = CliProcess.Run("train", "--dataset", $"idx:{data}", "--noise", "symmetric:0.2", "--epochs", "3", "--batch-size", "32",
            "--dynamic", "uniform", "--align", "--das-window", "2", "--out", output);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        Assert.Equal(2, metrics.RootElement.GetProperty("reference_size").GetInt32()); // round(0.01 · 150), halves away from zero
    }

    public static TheoryData<string, string[], string> BadInputs => new()
    {
        { "prune ratio one", ["--dynamic", "infobatch", "--prune-ratio", "1"], "error: --prune-ratio must be in [0, 1) (got 1)" },
        { "prune ratio negative", ["--dynamic", "ucb", "--prune-ratio", "-0.2"], "error: --prune-ratio must be in [0, 1) (got -0.2)" },
        { "window below two", ["--dynamic", "infobatch", "--align", "--reference-size", "0.1", "--das-window", "1"], "error: --das-window must be at least 2 (got 1)" },
        { "window neither a number nor auto", ["--dynamic", "infobatch", "--align", "--das-window", "half"], "error: --das-window must be a whole number or auto (got 'half')" },
        { "window above the epochs", ["--dynamic", "infobatch", "--align", "--das-window", "3"], "error: the DAS window of 3 epochs exceeds the 2 training epochs: DAS would never rank (lower it)" },
        { "reference size without injected noise", ["--dynamic", "infobatch", "--align", "--reference-size", "0.1", "--noise", "none"], "error: DAS needs a trusted reference set: without injected noise no clean samples are known" },
        { "reference for the loss signal", ["--dynamic", "uniform", "--reference-size", "0.1"], "error: a reference set applies to a signal that compares against one (das), not to loss" },
        { "align without a pruner", ["--align"], "error: --align and the dynamic-pruning options rank samples for a dynamic pruner" },
        { "subset and dynamic", ["--dynamic", "uniform", "--subset", "selection.txt"], "error: --subset and --dynamic cannot be combined" },
        { "unknown pruner", ["--dynamic", "greedy"], "error: --dynamic must be one of uniform, infobatch, ucb, epsilon-greedy (got 'greedy')" },
        { "unknown signal", ["--dynamic", "uniform", "--signal", "gradient"], "error: --signal must be one of loss, das, mean-loss, aum (got 'gradient')" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputGivesOneLineAndNonZeroExit(string because, string[] extra, string message)
    {
        var data = TinyIdx.Create(trainCount: 30, testCount: 6);
        var args = new List<string> { "train", "--dataset", $"idx:{data}", "--epochs", "2", "--out", Path.Combine(data, "out") };
        if (!extra.Contains("--noise")) args.AddRange(["--noise", "symmetric:0.2"]);
        args.AddRange(extra);
        var result = CliProcess.Run([.. args]);
        Assert.True(result.ExitCode != 0, because);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error", StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length == 1, $"{because}: {result.Stderr}");
        Assert.StartsWith(message, lines[0]);
        Assert.DoesNotContain("Exception", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(data, "out")));
    }

    [Theory]
    [InlineData("", "holds no sample index")]
    [InlineData("5\n99\n", "outside the training set")]
    public void BadReferenceFiles(string content, string expected)
    {
        var data = TinyIdx.Create(trainCount: 30, testCount: 6);
        var file = Path.Combine(data, "trusted.txt");
        File.WriteAllText(file, content);
        var result = CliProcess.Run("train", "--dataset", $"idx:{data}", "--noise", "symmetric:0.2", "--dynamic", "uniform", "--align",
            "--reference", file, "--out", Path.Combine(data, "out"));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
    }

    [Theory]
    [InlineData("symmetric:0")]
    [InlineData("symmetric:0.001")]
    public void DetectionWithoutAWronglyLabelledSampleIsRefusedBeforeTraining(string noise)
    {
        var data = TinyIdx.Create(trainCount: 60, testCount: 6);
        var output = Path.Combine(data, "detect");
        var result = CliProcess.Run("detect", "--dataset", $"idx:{data}", "--noise", noise, "--epochs", "3", "--out", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: the noise {noise} changed none of the 60 training labels: there is no wrong label to detect",
            TrainCommandTests.AssertOneLineError(result, noise));
        Assert.DoesNotContain("epoch 1", result.Stderr);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void DetectWritesQualityAndPlots()
    {
        var data = TinyIdx.Create(trainCount: 120, testCount: 30);
        var output = Path.Combine(data, "detect");
        var result = CliProcess.Run("detect", "--dataset", $"idx:{data}", "--noise", "symmetric:0.3", "--epochs", "4", "--batch-size", "32",
            "--das-window", "3", "--reference-size", "0.1", "--out", output);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "detection.json")));
        var scores = json.RootElement.GetProperty("scores").EnumerateArray().ToArray();
        Assert.Equal(["cl", "das", "loss", "mean-loss", "el2n", "aum", "forgetting"], scores.Select(s => s.GetProperty("score").GetString()));
        foreach (var score in scores)
        {
            Assert.InRange(score.GetProperty("auroc").GetDouble(), 0, 1);
            Assert.InRange(score.GetProperty("average_precision").GetDouble(), 0, 1);
            var png = File.ReadAllBytes(Path.Combine(output, $"distribution_{score.GetProperty("score").GetString()}.png"));
            Assert.Equal(0x89, png[0]);
            Assert.Equal((byte)'P', png[1]);
        }
        Assert.Equal(121, File.ReadAllLines(Path.Combine(output, "detection_scores.csv")).Length);
        // The curve's last DAS is the das score itself: all data every epoch, the same reference set and window.
        var curve = json.RootElement.GetProperty("detection_curve").EnumerateArray().ToArray();
        Assert.Equal(4, curve.Length);
        Assert.Equal(scores[1].GetProperty("auroc").GetDouble(), curve[^1].GetProperty("auroc_das").GetDouble(), 12);
        Assert.Equal(scores[2].GetProperty("auroc").GetDouble(), curve[^1].GetProperty("auroc_loss").GetDouble(), 12);
        Assert.Equal(scores[3].GetProperty("auroc").GetDouble(), curve[^1].GetProperty("auroc_mean_loss").GetDouble(), 12);
        Assert.Contains("noise detection AUROC per epoch", result.Stdout);
    }
}
