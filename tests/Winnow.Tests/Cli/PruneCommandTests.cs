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
        // Every registry, each entry with its one-line description.
        var entries = Winnow.Scoring.CoresetMethods.All.Select(e => (e.Name, e.Description))
            .Concat(Winnow.Dynamic.DynamicPruners.All.Select(e => (e.Name, e.Description)))
            .Concat(Winnow.Dynamic.SampleSignals.All.Select(e => (e.Name, e.Description)))
            .Concat(Winnow.Learners.LearnerCatalog.All.Select(e => (e.Name, e.Description)))
            .Concat(Winnow.Models.ModelCatalog.All.Select(e => (e.Name, e.Description)));
        foreach (var (name, description) in entries) Assert.Matches($@"\n  {System.Text.RegularExpressions.Regex.Escape(name)} +{System.Text.RegularExpressions.Regex.Escape(description)}\n", result.Stdout);
        Assert.Contains(Winnow.Scoring.CoresetMethods.BalanceNote, result.Stdout); // the class-balance default, stated once
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
        Assert.Equal(60, root.GetProperty("subset_size").GetInt32());
        Assert.Equal(kept.Count(i => scores[i + 1].Split(',')[2] == "1"), root.GetProperty("noisy_kept").GetInt32());
        Assert.InRange(root.GetProperty("detection_auroc").GetDouble(), 0, 1);
        Assert.Equal("pruning order", root.GetProperty("detection_score").GetString());
        Assert.True(File.Exists(Path.Combine(output, "spec.json")));
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

    public static TheoryData<string, string[], string> BadInputs => new()
    {
        { "fraction zero", ["--fraction", "0"], "error: --fraction must be in (0, 1] (got 0)" },
        { "fraction above one", ["--fraction", "1.5"], "error: --fraction must be in (0, 1] (got 1.5)" },
        { "unknown method", ["--method", "herding2"], "error: --method must be one of random, el2n, grand, forgetting" },
        { "unknown option value", ["--confidence", "vibes"], "error: --confidence must be one of least-confidence, margin (got 'vibes')" },
        { "balance leaves a class empty", ["--fraction", "0.01", "--balance"], "error: with class balance, class " },
        { "contradicting switches", ["--balance", "--no-balance"], "error: --balance and --no-balance contradict each other" },
        { "distillation without training", ["--teacher", "TEACHER"], "error: distillation and the dividemix learner apply to training on the selection: train on it too" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputGivesOneLineAndNonZeroExit(string because, string[] extra, string message)
    {
        var data = TinyIdx.Create(trainCount: 30, testCount: 6);
        var options = new Dictionary<string, string>
        {
            ["--dataset"] = $"idx:{data}", ["--method"] = "el2n", ["--fraction"] = "0.5", ["--score-epochs"] = "1", ["--out"] = Path.Combine(data, "out"),
        };
        var flags = new List<string>();
        for (var i = 0; i < extra.Length; i++)
        {
            if (i + 1 < extra.Length && !extra[i + 1].StartsWith("--", StringComparison.Ordinal)) { options[extra[i]] = extra[i + 1].Replace("TEACHER", data); i++; }
            else flags.Add(extra[i]);
        }
        var result = CliProcess.Run(["prune", .. options.SelectMany(p => new[] { p.Key, p.Value }), .. flags]);
        Assert.True(result.ExitCode != 0, because);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error", StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length == 1, $"{because}: {result.Stderr}");
        Assert.StartsWith(message, lines[0]);
        Assert.DoesNotContain("Exception", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(data, "out")));
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
    public void ASelectionWithoutItsTrainingSetIsRefused()
    {
        var data = TinyIdx.Create(trainCount: 30, testCount: 6);
        var selection = Path.Combine(data, "sel.txt");
        File.WriteAllText(selection, "1\n2\n");
        var result = CliProcess.Run("train", "--dataset", $"idx:{data}", "--subset", selection, "--out", Path.Combine(data, "o"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error: {selection} does not say which training set it was made for", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(data, "o")));
    }

    [Fact]
    public void ASelectionForAnotherTrainingSetOfTheSameSizeIsRefused()
    {
        // Made on a seed-1 stratified subset of 60; another seed's subset of 60, or another folder's 60, is other data.
        var data = TinyIdx.Create(trainCount: 120, testCount: 30, seed: 1);
        var made = Path.Combine(data, "made");
        var prune = CliProcess.Run("prune", "--dataset", $"idx:{data}", "--train-size", "60", "--seed", "1", "--method", "random", "--fraction", "0.5", "--out", made);
        Assert.True(prune.ExitCode == 0, prune.Stderr);
        var selection = Path.Combine(made, "selection.txt");

        var otherSeed = CliProcess.Run("train", "--dataset", $"idx:{data}", "--train-size", "60", "--seed", "2", "--epochs", "1", "--subset", selection, "--out", Path.Combine(data, "a"));
        Assert.Equal(2, otherSeed.ExitCode);
        Assert.Contains($"error: {selection} was made for another training set", otherSeed.Stderr);
        Assert.Contains("use the same dataset, train size and seed", otherSeed.Stderr);

        var otherData = TinyIdx.Create(trainCount: 60, testCount: 30, seed: 9);
        var otherFolder = CliProcess.Run("train", "--dataset", $"idx:{otherData}", "--epochs", "1", "--subset", selection, "--out", Path.Combine(data, "b"));
        Assert.Equal(2, otherFolder.ExitCode);
        Assert.Contains("was made for another training set", otherFolder.Stderr);

        var same = CliProcess.Run("train", "--dataset", $"idx:{data}", "--train-size", "60", "--seed", "1", "--epochs", "1", "--subset", selection, "--out", Path.Combine(data, "c"));
        Assert.True(same.ExitCode == 0, same.Stderr);
        Assert.Contains("30 of 60 samples", same.Stdout);
    }
}
