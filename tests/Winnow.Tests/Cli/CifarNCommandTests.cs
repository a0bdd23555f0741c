using System.Text.Json;
using Winnow.Tests.Data.Noise;
using Winnow.Tests.Support;

namespace Winnow.Tests.Cli;

public class CifarNCommandTests
{
    [Fact]
    public void TrainsOnACifarNFileAndRecordsTheRateAgainstItsCleanLabel()
    {
        // 60 training samples of 10 classes, the split the fixtures were made for, but with the
        // dataset's own labels moved one class on ((i + 1) % 10 for clean_label's i % 10): every one
        // differs from the file's, so only clean_label as the truth can give worse_label's 40%.
        var data = TinyIdx.Create(trainCount: 60, testCount: 10, classes: 10);
        TinyIdx.WriteIdx(Path.Combine(data, "train-labels-idx1-ubyte.gz"), 0x801, [60], Enumerable.Range(0, 60).Select(i => (byte)((i + 1) % 10)).ToArray());
        var file = CifarNLabelFileTests.Fixture("cifar10n.pt");
        var output = Path.Combine(data, "run");
        var result = CliProcess.Run("train", "--dataset", $"idx:{data}", "--noise", $"file:{file}", "--epochs", "1", "--out", output);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"noise file:{file}:worse_label against its clean_label (actual rate 0.4000)", result.Stderr);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        Assert.Equal(CifarNLabelFileTests.ExpectedRate("worse_label"), metrics.RootElement.GetProperty("noise_rate").GetDouble(), 12);
        Assert.Equal(24, metrics.RootElement.GetProperty("noisy_total").GetInt32());
        Assert.Equal($"file:{file}", metrics.RootElement.GetProperty("noise").GetString());
    }

    [Fact]
    public void ItsCleanLabelsGradeTheDetection()
    {
        // As above, the dataset's own labels all differ from the file's: the graded flags can only agree with label_issues.csv's truth if it is clean_label.
        var data = TinyIdx.Create(trainCount: 60, testCount: 10, classes: 10);
        TinyIdx.WriteIdx(Path.Combine(data, "train-labels-idx1-ubyte.gz"), 0x801, [60], Enumerable.Range(0, 60).Select(i => (byte)((i + 1) % 10)).ToArray());
        var output = Path.Combine(data, "detect");
        var result = CliProcess.Run("detect", "--dataset", $"idx:{data}", "--noise", $"file:{CifarNLabelFileTests.Fixture("cifar10n.pt")}", "--score", "cl,loss",
            "--folds", "2", "--epochs", "1", "--out", output);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var rows = File.ReadAllLines(Path.Combine(output, "label_issues.csv")).Skip(1).Select(r => r.Split(',')).ToArray();
        Assert.Equal(24, rows.Count(f => f[10] == "1"));
        Assert.All(rows, f => Assert.Equal(int.Parse(f[0 + 1]) % 10, int.Parse(f[9])));
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "detection.json")));
        Assert.Equal(2, record.RootElement.GetProperty("scores").GetArrayLength());
    }

    [Fact]
    public void AMaliciousFileIsOneLineAndExit2()
    {
        var data = TinyIdx.Create(trainCount: 60, testCount: 10, classes: 10);
        var file = CifarNLabelFileTests.Fixture("malicious_system.pt");
        var output = Path.Combine(data, "run");
        var result = CliProcess.Run("train", "--dataset", $"idx:{data}", "--noise", $"file:{file}:worse_label", "--epochs", "1", "--out", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {file}: holds a posix.system, not labels", TrainCommandTests.AssertOneLineError(result, "malicious pickle"));
        Assert.DoesNotContain("pwned", result.Stdout + result.Stderr);
        Assert.False(Directory.Exists(output));
    }
}
