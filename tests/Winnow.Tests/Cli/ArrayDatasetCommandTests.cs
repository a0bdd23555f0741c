using System.Text.Json;
using Winnow.Tests.Support;

namespace Winnow.Tests.Cli;

public class ArrayDatasetCommandTests
{
    [Fact]
    public void TrainsOnAnNpzAndHoldsOutAFifth()
    {
        using var folder = new TempFolder();
        var data = TinyNpz.Create(folder.Path);
        var output = folder.File("run");

        var result = CliProcess.Run("train", "--dataset", $"npz:{data}", "--epochs", "1", "--out", output);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        Assert.Equal(80, metrics.RootElement.GetProperty("train_size").GetInt32()); // 100 samples, 20 held out
        Assert.InRange(metrics.RootElement.GetProperty("test_accuracy").GetDouble(), 0.0, 1.0);
        using var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "spec.json")));
        Assert.False(spec.RootElement.GetProperty("data").TryGetProperty("layout", out _)); // auto is not written: hashes stay as they were
    }

    [Theory]
    [InlineData("npz", "xyz", "error: --layout must be one of nchw, nhwc (got 'xyz')")]
    [InlineData("idx", "nhwc", "error: --layout applies to npy: and npz: datasets only")]
    public void ABadLayoutIsOneLineAndExit2(string form, string layout, string message)
    {
        using var folder = new TempFolder();
        var dataset = form == "npz" ? $"npz:{TinyNpz.Create(folder.Path)}" : $"idx:{folder.Path}";
        var output = folder.File("run");

        var result = CliProcess.Run("train", "--dataset", dataset, "--layout", layout, "--epochs", "1", "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message, Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(Directory.Exists(output));
    }
}
