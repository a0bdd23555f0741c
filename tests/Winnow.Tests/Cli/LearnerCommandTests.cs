using System.Text.Json;
using Winnow.Tests.Support;

namespace Winnow.Tests.Cli;

public class LearnerCommandTests
{
    [Fact]
    public void DistilsFromATeacherAndRecordsTheWeight()
    {
        var data = TinyIdx.Create();
        var teacher = Path.Combine(data, "teacher");
        var baseArgs = new[] { "train", "--dataset", $"idx:{data}", "--noise", "symmetric:0.3", "--batch-size", "32", "--seed", "2" };
        var t = CliProcess.Run([.. baseArgs, "--epochs", "2", "--out", teacher]);
        Assert.True(t.ExitCode == 0, t.Stderr);

        var student = Path.Combine(data, "student");
        var s = CliProcess.Run([.. baseArgs, "--epochs", "1", "--teacher", teacher, "--kd-alpha", "0.75", "--kd-temperature", "2", "--out", student]);
        Assert.True(s.ExitCode == 0, s.Stderr);
        Assert.Contains("learner kd (α 0.75, T 2)", s.Stdout);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(student, "metrics.json")));
        var root = metrics.RootElement;
        Assert.Equal("kd", root.GetProperty("learner").GetString());
        Assert.Equal(0.75, root.GetProperty("kd_alpha").GetDouble());
        Assert.Equal(2, root.GetProperty("kd_temperature").GetDouble());
        Assert.True(root.GetProperty("kd_teacher_cached").GetBoolean());
        Assert.Equal(teacher, root.GetProperty("teacher").GetString());
        Assert.InRange(root.GetProperty("label_correction_accuracy").GetDouble(), 0, 1);
        Assert.Equal(72, root.GetProperty("noisy_labels_trained").GetInt32());
    }

    [Fact]
    public void SopRunsAsTheWarmUpAndOnTheSelectionOfPrune4Rel()
    {
        var data = TinyIdx.Create();
        var output = Path.Combine(data, "p4r");
        var result = CliProcess.Run("prune", "--dataset", $"idx:{data}", "--noise", "symmetric:0.3", "--method", "prune4rel", "--fraction", "0.5",
            "--score-epochs", "1", "--learner", "sop", "--train", "--epochs", "1", "--batch-size", "32", "--out", output);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var selection = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "selection.json")));
        Assert.Equal("sop", selection.RootElement.GetProperty("learner").GetString());
        Assert.InRange(selection.RootElement.GetProperty("label_correction_accuracy").GetDouble(), 0, 1);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "train", "metrics.json")));
        Assert.Equal("sop", metrics.RootElement.GetProperty("learner").GetString());
        Assert.Equal(120, metrics.RootElement.GetProperty("subset_size").GetInt32());
    }

    [Fact]
    public void Prune4RelOnASparseGraphThatHoldsEveryNeighbourSelectsWhatTheDenseGreedySelects()
    {
        var data = TinyIdx.Create();
        string[] Kept(string name, params string[] extra)
        {
            var output = Path.Combine(data, name);
            var result = CliProcess.Run(["prune", "--dataset", $"idx:{data}", "--noise", "symmetric:0.3", "--method", "prune4rel", "--fraction", "0.3",
                "--score-epochs", "1", "--batch-size", "32", "--tau", "0.7", "--out", output, .. extra]);
            Assert.True(result.ExitCode == 0, result.Stderr);
            return File.ReadAllLines(Path.Combine(output, "selection.txt")).Where(l => !l.StartsWith('#')).ToArray();
        }
        var dense = Kept("dense");
        Assert.Equal(dense, Kept("sparse", "--prune4rel-neighbours", "1000"));
        Assert.NotEqual(dense, Kept("capped", "--prune4rel-neighbours", "1"));
    }

    [Fact]
    public void DivideMixTrainsTwoNetworksAndReportsItsSplit()
    {
        var data = TinyIdx.Create();
        var output = Path.Combine(data, "dm");
        var result = CliProcess.Run("train", "--dataset", $"idx:{data}", "--noise", "symmetric:0.3", "--learner", "dividemix",
            "--epochs", "3", "--dividemix-warmup", "1", "--batch-size", "32", "--out", output);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        var root = metrics.RootElement;
        Assert.Equal("dividemix", root.GetProperty("learner").GetString());
        Assert.InRange(root.GetProperty("dividemix_labeled_fraction").GetDouble(), 0, 1);
        Assert.InRange(root.GetProperty("label_correction_accuracy").GetDouble(), 0, 1);
        // Two networks and MixUp batches: more backward passes than three plain epochs.
        Assert.True(root.GetProperty("samples_backpropagated").GetInt64() > 3 * 240);
        Assert.True(File.Exists(Path.Combine(output, "checkpoint", "model.dat")));
    }

    public static TheoryData<string, string[], string> BadInputs => new()
    {
        { "unknown learner", ["--learner", "coteaching"], "error: --learner must be one of ce, sop, dividemix (got 'coteaching')" },
        { "alpha above 1", ["--teacher", "TEACHER", "--kd-alpha", "1.5"], "error: --kd-alpha must be in [0, 1] (got 1.5)" },
        { "alpha not a number", ["--teacher", "TEACHER", "--kd-alpha", "most"], "error: --kd-alpha must be a number or auto (got 'most')" },
        { "temperature 0", ["--teacher", "TEACHER", "--kd-temperature", "0"], "error: --kd-temperature must be above 0 (got 0)" },
        { "alpha without teacher", ["--kd-alpha", "0.5"], "need a --teacher" },
        { "missing teacher", ["--teacher", "/nonexistent/teacher"], "does not exist" },
        { "teacher for other classes", ["--teacher", "OTHER"], "predicts 4 classes but the data has 3" },
        { "sop with a teacher", ["--teacher", "TEACHER", "--learner", "sop"], "error: knowledge distillation works with the ce learner only (got sop)" },
        { "dividemix without epochs after warm-up", ["--learner", "dividemix", "--epochs", "3", "--dividemix-warmup", "3"], "needs more than that" },
        { "dividemix with dynamic pruning", ["--learner", "dividemix", "--epochs", "3", "--dividemix-warmup", "1", "--dynamic", "uniform", "--prune-ratio", "0.3"], "cannot be combined with dynamic pruning" },
        { "dividemix on too few samples", ["--learner", "dividemix", "--epochs", "3", "--dividemix-warmup", "1", "--subset", "SMALL"], "at least 10 training samples" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputGivesOneLineAndNonZeroExit(string because, string[] extra, string message)
    {
        var data = TinyIdx.Create(trainCount: 30, testCount: 6);
        var teacher = Path.Combine(data, "teacher");
        var other = TinyIdx.Create(trainCount: 40, testCount: 8, classes: 4);
        var otherTeacher = Path.Combine(other, "teacher");
        if (extra.Contains("TEACHER"))
            Assert.Equal(0, CliProcess.Run("train", "--dataset", $"idx:{data}", "--epochs", "1", "--out", teacher).ExitCode);
        if (extra.Contains("OTHER"))
            Assert.Equal(0, CliProcess.Run("train", "--dataset", $"idx:{other}", "--epochs", "1", "--out", otherTeacher).ExitCode);
        var small = Path.Combine(data, "small", "selection.txt");
        if (extra.Contains("SMALL"))
            Assert.Equal(0, CliProcess.Run("prune", "--dataset", $"idx:{data}", "--method", "random", "--fraction", "0.15", "--out", Path.GetDirectoryName(small)!).ExitCode);
        var args = extra.Select(a => a == "TEACHER" ? teacher : a == "OTHER" ? otherTeacher : a == "SMALL" ? small : a);
        var output = Path.Combine(data, "out");
        string[] epochs = extra.Contains("--epochs") ? [] : ["--epochs", "1"];
        var result = CliProcess.Run(["train", "--dataset", $"idx:{data}", .. epochs, .. args, "--out", output]);
        Assert.True(result.ExitCode != 0, because);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error", StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length == 1, $"{because}: {result.Stderr}");
        Assert.Contains(message, lines[0]);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.False(Directory.Exists(output));
    }
}
