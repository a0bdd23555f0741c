using System.Text.Json;
using Winnow.Tests.Support;

namespace Winnow.Tests.Cli;

public class PruneCommandTests
{
    [Fact]
    public void MethodsListsEveryMethod()
    {
        var result = CliProcess.Run("methods");
        Assert.Equal(0, result.ExitCode);
        foreach (var name in Winnow.Scoring.CoresetMethods.Names) Assert.Contains(name, result.Stdout);
        var help = CliProcess.Run("prune", "--help");
        foreach (var option in new[] { "--method", "--fraction", "--balance", "--score-epochs", "--repeats", "--tau", "--mis-ratio", "--train", "--out" })
            Assert.Contains(option, help.Stdout);
    }

    [Fact]
    public void PrunesWritesTheSelectionAndTrainsOnIt()
    {
        var data = TinyIdx.Create(trainCount: 120, testCount: 30);
        var output = Path.Combine(data, "pruned");
        var result = CliProcess.Run("prune", "--dataset", $"idx:{data}", "--noise", "symmetric:0.25", "--method", "small-loss",
            "--fraction", "0.5", "--score-epochs", "2", "--epochs", "2", "--batch-size", "32", "--seed", "3", "--train", "--out", output);
        Assert.True(result.ExitCode == 0, result.Stderr);

        var scores = File.ReadAllLines(Path.Combine(output, "scores.csv"));
        Assert.Equal("index,label,noisy,score", scores[0]);
        Assert.Equal(121, scores.Length);
        Assert.Equal(30, scores.Skip(1).Count(l => l.Split(',')[2] == "1"));
        var kept = File.ReadAllLines(Path.Combine(output, "selection.txt")).Where(l => !l.StartsWith('#')).Select(int.Parse).ToArray();
        Assert.Equal(60, kept.Length);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "selection.json")));
        var root = json.RootElement;
        Assert.Equal("small-loss", root.GetProperty("method").GetString());
        Assert.Equal(60, root.GetProperty("kept").GetInt32());
        Assert.Equal(kept.Count(i => scores[i + 1].Split(',')[2] == "1"), root.GetProperty("noisy_kept").GetInt32());
        Assert.InRange(root.GetProperty("noise_auroc").GetDouble(), 0, 1);
        Assert.InRange(root.GetProperty("test_accuracy").GetDouble(), 0, 1);

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "train", "metrics.json")));
        Assert.Equal(60, metrics.RootElement.GetProperty("subset_size").GetInt32());
        Assert.Equal(120, metrics.RootElement.GetProperty("samples_backpropagated").GetInt64());

        // The same selection through train --subset trains on exactly those samples.
        var again = CliProcess.Run("train", "--dataset", $"idx:{data}", "--noise", "symmetric:0.25", "--seed", "3", "--epochs", "1",
            "--subset", Path.Combine(output, "selection.txt"), "--out", Path.Combine(data, "subset-run"));
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("60 of 120 samples", again.Stdout);
    }

    public static TheoryData<string, string[]> BadInputs => new()
    {
        { "fraction zero", ["--fraction", "0"] },
        { "fraction above one", ["--fraction", "1.5"] },
        { "unknown method", ["--method", "herding2"] },
        { "unknown option value", ["--confidence", "vibes"] },
        { "balance leaves a class empty", ["--fraction", "0.01", "--balance"] },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputGivesOneLineAndNonZeroExit(string because, string[] extra)
    {
        var data = TinyIdx.Create(trainCount: 30, testCount: 6);
        var options = new Dictionary<string, string>
        {
            ["--dataset"] = $"idx:{data}", ["--method"] = "el2n", ["--fraction"] = "0.5", ["--score-epochs"] = "1", ["--out"] = Path.Combine(data, "out"),
        };
        var flags = new List<string>();
        for (var i = 0; i < extra.Length; i++)
        {
            if (i + 1 < extra.Length && !extra[i + 1].StartsWith("--", StringComparison.Ordinal)) { options[extra[i]] = extra[i + 1]; i++; }
            else flags.Add(extra[i]);
        }
        var result = CliProcess.Run(["prune", .. options.SelectMany(p => new[] { p.Key, p.Value }), .. flags]);
        Assert.True(result.ExitCode != 0, because);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error", StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length == 1, $"{because}: {result.Stderr}");
        Assert.DoesNotContain("Exception", result.Stderr);
        Assert.False(File.Exists(Path.Combine(data, "out", "selection.json")));
    }

    [Fact]
    public void CleanLabelsPrintNoNoiseLineInsteadOfANaNAuroc()
    {
        var data = TinyIdx.Create(trainCount: 30, testCount: 6);
        var result = CliProcess.Run("prune", "--dataset", $"idx:{data}", "--method", "random", "--fraction", "0.5", "--out", Path.Combine(data, "out"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("random: kept 15 of 30 (f = 0.5)  scoring", result.Stdout);
        Assert.DoesNotContain("NaN", result.Stdout);
    }

    [Fact]
    public void BadSelectionFileForTrain()
    {
        var data = TinyIdx.Create(trainCount: 30, testCount: 6);
        var selection = Path.Combine(data, "sel.txt");
        File.WriteAllText(selection, "1\n1\n");
        var result = CliProcess.Run("train", "--dataset", $"idx:{data}", "--subset", selection, "--out", Path.Combine(data, "o"));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("appears twice", result.Stderr);
    }
}
