using System.Text.Json;
using Winnow.Tests.Support;

namespace Winnow.Tests.Cli;

public class TrainCommandTests
{
    [Fact]
    public void HelpListsEveryTrainOption()
    {
        var root = CliProcess.Run("--help");
        Assert.Equal(0, root.ExitCode);
        Assert.Contains("train", root.Stdout);
        var train = CliProcess.Run("train", "--help");
        Assert.Equal(0, train.ExitCode);
        foreach (var option in new[] { "--dataset", "--data-dir", "--train-size", "--noise", "--model", "--epochs", "--batch-size", "--lr", "--seed", "--out" })
            Assert.Contains(option, train.Stdout);
    }

    [Fact]
    public void TrainsWritesEveryOutputAndRepeatsExactlyWithTheSameSeed()
    {
        var data = TinyIdx.Create();
        var first = Path.Combine(data, "run1");
        var second = Path.Combine(data, "run2");
        string[] Args(string output) =>
            ["train", "--dataset", $"idx:{data}", "--noise", "symmetric:0.2", "--epochs", "3", "--batch-size", "32", "--lr", "0.05", "--seed", "4", "--out", output];
        var a = CliProcess.Run(Args(first));
        Assert.True(a.ExitCode == 0, a.Stderr);
        Assert.Contains("test accuracy", a.Stdout);
        var b = CliProcess.Run(Args(second));
        Assert.True(b.ExitCode == 0, b.Stderr);

        using var m1 = JsonDocument.Parse(File.ReadAllText(Path.Combine(first, "metrics.json")));
        using var m2 = JsonDocument.Parse(File.ReadAllText(Path.Combine(second, "metrics.json")));
        var accuracy = m1.RootElement.GetProperty("test_accuracy").GetDouble();
        Assert.InRange(accuracy, 0.0, 1.0);
        Assert.Equal(accuracy, m2.RootElement.GetProperty("test_accuracy").GetDouble());
        Assert.Equal(3, m1.RootElement.GetProperty("epochs").GetInt32());
        Assert.Equal(240, m1.RootElement.GetProperty("train_size").GetInt32());
        Assert.Equal(0.2, m1.RootElement.GetProperty("noise_rate").GetDouble(), 3);
        Assert.Equal(720, m1.RootElement.GetProperty("samples_backpropagated").GetInt64());
        Assert.True(m1.RootElement.GetProperty("train_seconds").GetDouble() > 0);

        var csv = File.ReadAllLines(Path.Combine(first, "epochs.csv"));
        Assert.Equal(4, csv.Length);
        Assert.StartsWith("epoch,", csv[0]);
        foreach (var npy in new[] { "trajectory_loss.npy", "trajectory_margin.npy", "trajectory_correct.npy", "labels.npy" })
            Assert.True(new FileInfo(Path.Combine(first, npy)).Length > 128, npy);
        Assert.True(File.Exists(Path.Combine(first, "checkpoint", "model.dat")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "trajectory_loss.npy")), File.ReadAllBytes(Path.Combine(second, "trajectory_loss.npy")));
        Assert.Empty(Directory.GetFiles(first, "*.tmp", SearchOption.AllDirectories));
    }

    public static TheoryData<string, string[]> BadInputs => new()
    {
        { "unknown dataset", ["--dataset", "imagenet"] },
        { "unknown model", ["--model", "vgg99"] },
        { "noise rate", ["--noise", "symmetric:1.5"] },
        { "noise kind", ["--noise", "gaussian:0.2"] },
        { "train size", ["--train-size", "100000"] },
        { "epochs", ["--epochs", "0"] },
        { "fraction of a number", ["--epochs", "two"] },
        { "unknown option", ["--bogus", "1"] },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputGivesOneLineAndNonZeroExit(string because, string[] extra)
    {
        var data = TinyIdx.Create(trainCount: 30, testCount: 6);
        var output = Path.Combine(data, "out");
        var defaults = new Dictionary<string, string> { ["--dataset"] = $"idx:{data}", ["--epochs"] = "1", ["--out"] = output };
        for (var i = 0; i < extra.Length; i += 2) defaults[extra[i]] = extra[i + 1];
        var result = CliProcess.Run(["train", .. defaults.SelectMany(p => new[] { p.Key, p.Value })]);
        AssertOneLineError(result, because);
        Assert.False(File.Exists(Path.Combine(output, "metrics.json")));
    }

    [Fact]
    public void MissingTruncatedAndMismatchedFilesAreReported()
    {
        var empty = Directory.CreateTempSubdirectory("winnow-empty").FullName;
        var missing = CliProcess.Run("train", "--dataset", $"idx:{empty}", "--out", Path.Combine(empty, "out"));
        AssertOneLineError(missing, "missing files");
        Assert.Contains(empty, missing.Stderr);

        var truncated = TinyIdx.Create(trainCount: 30, testCount: 6);
        var images = Path.Combine(truncated, "train-images-idx3-ubyte");
        var pixels = new byte[29 * 64]; // header says 30 images
        TinyIdx.WriteIdx(images, 0x803, [30, 8, 8], pixels, gzip: false);
        File.Delete(images + ".gz");
        var cut = CliProcess.Run("train", "--dataset", $"idx:{truncated}", "--out", Path.Combine(truncated, "out"));
        AssertOneLineError(cut, "truncated");
        Assert.Contains("truncated", cut.Stderr);

        var mismatched = TinyIdx.Create(trainCount: 30, testCount: 6);
        TinyIdx.WriteIdx(Path.Combine(mismatched, "train-labels-idx1-ubyte.gz"), 0x801, [29], new byte[29]);
        AssertOneLineError(CliProcess.Run("train", "--dataset", $"idx:{mismatched}", "--out", Path.Combine(mismatched, "out")), "count mismatch");
    }

    [Fact]
    public void UnwritableOutputDirectoryIsRefusedBeforeTraining()
    {
        var data = TinyIdx.Create(trainCount: 30, testCount: 6);
        var file = Path.Combine(data, "a-file");
        File.WriteAllText(file, "");
        var result = CliProcess.Run("train", "--dataset", $"idx:{data}", "--epochs", "1", "--out", Path.Combine(file, "out"));
        AssertOneLineError(result, "unwritable output");
        Assert.Contains("output directory", result.Stderr);
    }

    [Fact]
    public void DivergingTrainingStopsOnNaNWithoutWritingMetrics()
    {
        var data = TinyIdx.Create(trainCount: 60, testCount: 6);
        var output = Path.Combine(data, "out");
        var result = CliProcess.Run("train", "--dataset", $"idx:{data}", "--epochs", "3", "--lr", "1e30", "--out", output);
        AssertOneLineError(result, "NaN loss");
        Assert.Contains("loss became", result.Stderr);
        Assert.False(File.Exists(Path.Combine(output, "metrics.json")));
    }

    private static void AssertOneLineError(CliProcess.Outcome result, string because)
    {
        Assert.True(result.ExitCode != 0, $"{because}: exit code 0");
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error", StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length == 1, $"{because}: expected one error line, got: {result.Stderr}");
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
    }
}
