using System.Globalization;
using System.Text.Json;
using Winnow.Tests.Support;

namespace Winnow.Tests.Cli;

/// <summary>`winnow detect` as a user without clean labels meets it, and as one grading a detector.</summary>
public class DetectCommandTests
{
    [Fact]
    public void WithoutCleanLabelsItListsLabelIssuesWithSuggestedLabels()
    {
        var data = TinyIdx.Create(trainCount: 90, testCount: 12);
        var output = Path.Combine(data, "detect");
        var result = CliProcess.Run("detect", "--dataset", $"idx:{data}", "--folds", "3", "--epochs", "2", "--batch-size", "32", "--out", output);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("confident learning: 3-fold cross-validation, 3 trainings each on 2/3 of the samples, then one on all of them", result.Stderr);
        Assert.Contains("label issues: ", result.Stdout);

        var rows = File.ReadAllLines(Path.Combine(output, "label_issues.csv"));
        Assert.Equal("rank,index,source_row,given_label,given_class,suggested_label,suggested_class,label_quality,is_label_issue", rows[0]);
        var fields = rows.Skip(1).Select(r => r.Split(',')).ToArray();
        Assert.Equal(90, fields.Length);
        Assert.Equal(Enumerable.Range(0, 90), fields.Select(f => int.Parse(f[1], CultureInfo.InvariantCulture)).Order());
        var quality = fields.Select(f => double.Parse(f[7], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(quality.Order(), quality);
        // A label issue's suggestion is another class (the model disagrees with the given label).
        Assert.All(fields.Where(f => f[8] == "1"), f => Assert.NotEqual(f[3], f[5]));

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal(fields.Count(f => f[8] == "1"), root.GetProperty("label_issues").GetInt32());
        Assert.InRange(root.GetProperty("estimated_noise_rate").GetDouble(), 0, 1);
        Assert.Equal(3, root.GetProperty("estimated_joint").GetArrayLength());
        Assert.False(root.TryGetProperty("issue_precision", out _));

        // No clean labels: nothing is graded, no das (no trusted samples), no clean-vs-noisy plots.
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "detection.json")));
        Assert.False(record.RootElement.TryGetProperty("scores", out _));
        Assert.True(File.Exists(Path.Combine(output, "ranked_loss.csv")));
        Assert.False(File.Exists(Path.Combine(output, "ranked_das.csv")));
        Assert.Empty(Directory.GetFiles(output, "distribution_*.png"));
        Assert.Equal(0x89, File.ReadAllBytes(Path.Combine(output, "joint.png"))[0]);
    }

    [Fact]
    public void WithKnownNoiseTheFlagsAreGradedAgainstTheTruth()
    {
        var data = TinyIdx.Create(trainCount: 120, testCount: 12);
        var output = Path.Combine(data, "detect");
        var result = CliProcess.Run("detect", "--dataset", $"idx:{data}", "--noise", "symmetric:0.3", "--score", "cl,loss", "--folds", "3",
            "--epochs", "3", "--batch-size", "32", "--out", output);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var fields = File.ReadAllLines(Path.Combine(output, "label_issues.csv")).Skip(1).Select(r => r.Split(',')).ToArray();
        var flagged = fields.Where(f => f[8] == "1").ToArray();
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "detection.json")));
        var root = record.RootElement;
        // The record's precision and recall are those of the listed flags against the listed truth.
        Assert.Equal(flagged.Count(f => f[10] == "1") / (double)flagged.Length, root.GetProperty("issue_precision").GetDouble(), 12);
        Assert.Equal(flagged.Count(f => f[10] == "1") / (double)fields.Count(f => f[10] == "1"), root.GetProperty("issue_recall").GetDouble(), 12);
        Assert.Equal(["cl", "loss"], root.GetProperty("scores").EnumerateArray().Select(s => s.GetProperty("score").GetString()));
        Assert.All(fields, f => Assert.Equal(f[3] != f[9], f[10] == "1"));
    }

    [Fact]
    public void ConfidentLearningAloneTrainsOnlyTheFolds()
    {
        var data = TinyIdx.Create(trainCount: 60, testCount: 6);
        var output = Path.Combine(data, "detect");
        var result = CliProcess.Run("detect", "--dataset", $"idx:{data}", "--score", "cl", "--folds", "2", "--epochs", "1", "--out", output);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.DoesNotContain("then one on all of them", result.Stderr);
        Assert.True(File.Exists(Path.Combine(output, "label_issues.csv")));
        Assert.False(Directory.Exists(Path.Combine(output, "train")));
    }

    [Fact]
    public void YourOwnProbabilitiesGiveTheSameIssuesWithoutTraining()
    {
        var data = TinyIdx.Create(trainCount: 60, testCount: 6);
        var first = Path.Combine(data, "first");
        Assert.Equal(0, CliProcess.Run("detect", "--dataset", $"idx:{data}", "--noise", "symmetric:0.3", "--score", "cl", "--folds", "2", "--epochs", "2", "--out", first).ExitCode);
        var again = Path.Combine(data, "again");
        var result = CliProcess.Run("detect", "--dataset", $"idx:{data}", "--noise", "symmetric:0.3", "--score", "cl",
            "--probabilities", Path.Combine(first, "probabilities.npy"), "--out", again);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.DoesNotContain("cross-validation", result.Stderr);
        Assert.DoesNotContain("epoch 1", result.Stderr);
        Assert.Equal(File.ReadAllLines(Path.Combine(first, "label_issues.csv")), File.ReadAllLines(Path.Combine(again, "label_issues.csv")));

        // Logits, or probabilities of another training set, are one line.
        var logits = Path.Combine(data, "logits.npy");
        Winnow.Output.NpyFile.Write(logits, Enumerable.Range(0, 60 * 3).Select(i => (float)(i % 7)).ToArray(), 60, 3);
        var wrong = CliProcess.Run("detect", "--dataset", $"idx:{data}", "--score", "cl", "--probabilities", logits, "--out", Path.Combine(data, "w"));
        Assert.Contains("not in [0, 1]", TrainCommandTests.AssertOneLineError(wrong, "logits"));
        Winnow.Output.NpyFile.Write(logits, new float[50 * 3], 50, 3);
        var shape = CliProcess.Run("detect", "--dataset", $"idx:{data}", "--score", "cl", "--probabilities", logits, "--out", Path.Combine(data, "w"));
        Assert.Contains("holds probabilities of shape (50, 3), but the training set needs (60, 3)", TrainCommandTests.AssertOneLineError(shape, "shape"));
    }

    [Fact]
    public void DasWithoutTrustedSamplesIsOneLine()
    {
        var data = TinyIdx.Create(trainCount: 30, testCount: 6);
        var output = Path.Combine(data, "detect");
        var result = CliProcess.Run("detect", "--dataset", $"idx:{data}", "--score", "das", "--out", output);
        Assert.StartsWith("error: DAS needs a trusted reference set", TrainCommandTests.AssertOneLineError(result, "das without clean labels"));
        Assert.Equal(2, result.ExitCode);
        Assert.False(Directory.Exists(output));
    }
}
