using Winnow.Tests.Support;

namespace Winnow.Tests.Cli;

/// <summary>
/// A selection scored in shards — surrogates saved once, each shard scored by its own process,
/// the scores merged — writes the very bytes the unsharded `winnow prune` writes.
/// </summary>
public class ShardedScoringTests
{
    /// <summary>1,000 samples: 4 blocks of 256, so 3 shards are [0, 256), [256, 768), [768, 1000).</summary>
    private static string Data() => TinyIdx.Create(trainCount: 1000, testCount: 30);

    private static string[] Settings(string data, string method) =>
        ["--dataset", $"idx:{data}", "--noise", "symmetric:0.3", "--method", method, "--score-epochs", "2", "--batch-size", "64", "--seed", "3"];

    [Theory]
    [InlineData("el2n")] // last-layer: the final model's predictions, per shard
    [InlineData("forgetting")] // trajectory: read from the saved run
    [InlineData("moso", "--moso-partitions", "3", "--moso-epochs", "2", "--moso-checkpoints", "2", "--augment", "weak")] // partitions cut across shards, views replayed
    public void MergedShardsWriteTheUnshardedSelectionBytes(string method, params string[] extra)
    {
        var data = Data();
        string[] settings = [.. Settings(data, method), .. extra];
        var whole = Path.Combine(data, "whole");
        Succeeds(CliProcess.Run(["prune", .. settings, "--fraction", "0.3", "--out", whole]));

        var saved = Path.Combine(data, "surrogates");
        Succeeds(CliProcess.Run(["prune", .. settings, "--surrogate-only", "--out", saved]));
        Succeeds(CliProcess.Run("prune", "--from", saved, "--score-shard", "1/3"));
        Succeeds(CliProcess.Run("prune", "--from", saved, "--score-shard", "3/3"));
        // The middle shard as a SLURM array task would run it (array 5-7, this is task 6).
        var slurm = CliProcess.RunWith([("SLURM_ARRAY_TASK_ID", "6"), ("SLURM_ARRAY_TASK_MIN", "5"), ("SLURM_ARRAY_TASK_MAX", "7")], "prune", "--from", saved);
        Succeeds(slurm);
        Assert.Contains("samples [256, 768)", slurm.Stdout);

        var merged = Path.Combine(data, "merged");
        Succeeds(CliProcess.Run("prune", "--merge", saved, "--fraction", "0.3", "--out", merged));
        foreach (var file in new[] { "selection.txt", "scores.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(whole, file)), File.ReadAllBytes(Path.Combine(merged, file)));
        Assert.Equal(300, File.ReadAllLines(Path.Combine(merged, "selection.txt")).Count(l => !l.StartsWith('#')));
    }

    [Fact]
    public void AMissingShardAnOptionTheSavedSpecSetsAndAMethodThatCannotShardEachGetOneLine()
    {
        var data = Data();
        var saved = Path.Combine(data, "surrogates");
        Succeeds(CliProcess.Run(["prune", .. Settings(data, "el2n"), "--surrogate-only", "--out", saved]));
        Succeeds(CliProcess.Run("prune", "--from", saved, "--score-shard", "2/3"));

        var missing = CliProcess.Run("prune", "--merge", saved, "--fraction", "0.5", "--out", Path.Combine(data, "merged"));
        Fails(missing, $"{saved} lacks shards 1, 3 of 3: score them with --from {saved} --score-shard K/3");
        Assert.False(Directory.Exists(Path.Combine(data, "merged")));

        Fails(CliProcess.Run("prune", "--from", saved, "--score-shard", "1/3", "--epochs", "4"), "--from takes its settings from the saved surrogates: drop --epochs");
        Fails(CliProcess.Run("prune", "--from", saved), "--from needs the shard to score: --score-shard K/N, or run it as a job array's task");
        Fails(CliProcess.Run("prune", "--from", Path.Combine(data, "nothing"), "--score-shard", "1/2"),
            $"{Path.Combine(data, "nothing")} has no surrogates.json: it is not a finished 'winnow prune --surrogate-only' folder");
        Fails(CliProcess.Run(["prune", .. Settings(data, "ccs"), "--surrogate-only", "--out", Path.Combine(data, "ccs")]),
            "ccs selects over all samples at once, so it is not scored in shards; sharded scoring takes the methods that rank per-sample scores");

        // Another split's file beside this one is refused, not mixed in.
        Succeeds(CliProcess.Run("prune", "--from", saved, "--score-shard", "1/2"));
        Fails(CliProcess.Run("prune", "--merge", saved, "--fraction", "0.5", "--out", Path.Combine(data, "merged")),
            "holds shards of 2 and 3-way splits: keep the files of one (shard-K-of-N.json) and remove the others");
    }

    private static void Succeeds(CliProcess.Outcome result) => Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);

    private static void Fails(CliProcess.Outcome result, string line)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(line, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }
}
