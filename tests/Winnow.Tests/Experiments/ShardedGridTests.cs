using Winnow.Experiments;
using Winnow.Tests.Support;

namespace Winnow.Tests.Experiments;

[Collection(TorchGlobalRandomCollection.Name)]
public class ShardedGridTests
{
    // Per seed three sharing groups: the full arm with the distilled runs it teaches, el2n's two
    // fractions (one scoring), and InfoBatch alone.
    private const string Arms = """
        ["full", {"method": "el2n"}, {"method": "random", "kd": true}, {"dynamic": "infobatch", "prune_ratio": 0.5}]
        """;

    private static GridSpec TinyGrid(string data) =>
        GridFile.Parse("tiny.json", GridTestSupport.Grid(data, Arms, fractions: "[0.3, 0.5]", epochs: 2));

    [Fact]
    public void RunsThatShareAScoringOrATeacherStayInOneShardAndEveryRunIsInExactlyOne()
    {
        using var tiny = new GridTestSupport.TinyData();
        var runs = GridExpansion.Expand(TinyGrid(tiny.Path));
        Assert.Equal(12, runs.Count);
        var groups = ShardPlan.Groups(runs);
        Assert.Equal(6, groups.Count);
        string Labels(int[] group) => string.Join(", ", group.Select(i => $"{runs[i].Label} {runs[i].Fraction} s{runs[i].Seed}"));
        Assert.Contains(groups, g => Labels(g) == "full  s1, random + kd 0.3 s1, random + kd 0.5 s1");
        Assert.Contains(groups, g => Labels(g) == "el2n 0.3 s2, el2n 0.5 s2");

        var assigned = ShardPlan.Assign(runs, 3);
        Assert.All(assigned, s => Assert.InRange(s, 1, 3));
        foreach (var group in groups) Assert.Single(group.Select(i => assigned[i]).Distinct());
        Assert.Equal([1, 2, 3], assigned.Distinct().Order());
        var shards = Enumerable.Range(1, 3).Select(k => ShardPlan.RunsOf(runs, new GridShard(k, 3))).ToArray();
        Assert.Equal(runs.Select(r => r.Hash).Order(), shards.SelectMany(s => s).Select(r => r.Hash).Order());
        // A function of the grid alone: computed again, the same plan.
        Assert.Equal(assigned, ShardPlan.Assign(GridExpansion.Expand(TinyGrid(tiny.Path)), 3));
    }

    [Fact]
    public void ThreeShardsIntoOneFolderReportWhatOneProcessReportsAndSayWhichShardIsMissingOrIncomplete()
    {
        using var tiny = new GridTestSupport.TinyData();
        var grid = TinyGrid(tiny.Path);
        var whole = Path.Combine(tiny.Path, "whole");
        GridRunner.Run(grid, whole);

        var sharded = Path.Combine(tiny.Path, "sharded");
        var first = GridRunner.Run(grid, sharded, shard: new GridShard(1, 3));
        Assert.True(File.Exists(Path.Combine(sharded, "results.shard-1-of-3.jsonl")));
        Assert.False(File.Exists(ResultStore.PathIn(sharded)));
        var statuses = GridReport.Load(sharded).Shards;
        Assert.Equal(["shard 1/3: complete (" + first.Finished + " of " + first.Runs + " runs finished)", "shard 2/3: missing (never started)", "shard 3/3: missing (never started)"],
            statuses.Select(s => s.Describe()));

        // Shard 3 is killed after its first run: incomplete; run again, it resumes.
        using (var cancel = new CancellationTokenSource())
        {
            var listener = new GridTestSupport.Listener(p => { if (p.Kind == GridProgressKind.RunFinished) cancel.Cancel(); });
            Assert.ThrowsAny<OperationCanceledException>(() => GridRunner.Run(grid, sharded, progress: listener, cancellation: cancel.Token, shard: new GridShard(3, 3)));
        }
        var third = GridReport.Load(sharded).Shards[2];
        Assert.False(third.Complete);
        Assert.Equal((true, 1), (third.Started, third.Finished));
        Assert.StartsWith("shard 3/3: incomplete (1 of ", third.Describe());
        var resumed = GridRunner.Run(grid, sharded, shard: new GridShard(3, 3));
        Assert.Equal(1, resumed.AlreadyFinished);
        GridRunner.Run(grid, sharded, shard: new GridShard(2, 3));

        var merged = GridReport.Load(sharded);
        Assert.All(merged.Shards, s => Assert.True(s.Complete));
        Assert.Equal(GridTestSupport.WithoutTimings(whole).Order(), GridTestSupport.WithoutTimings(sharded).Order());
        var single = GridReport.Load(whole);
        Assert.Empty(single.Shards);
        Assert.Equal(ReportMarkdown.AccuracyTable(single, single.Datasets[0]), ReportMarkdown.AccuracyTable(merged, merged.Datasets[0]));
        // An unsharded rerun in the sharded folder finds every run done.
        Assert.Equal(0, GridRunner.Run(grid, sharded).Finished);
    }

    [Fact]
    public void TwoShardsHoldTheirOwnLocksWhileOneShardIsKeptOutOfItself()
    {
        using var tiny = new GridTestSupport.TinyData();
        var folder = Path.Combine(tiny.Path, "locks");
        using var first = GridLock.Acquire(folder, new GridShard(1, 2));
        using var second = GridLock.Acquire(folder, new GridShard(2, 2));
        Assert.Equal($"{folder} is in use by another winnow bench of shard 1/2 (it holds {Path.Combine(folder, ".shard-1-of-2.lock")}); wait for it to finish or use another output folder",
            Assert.Throws<WinnowException>(() => GridLock.Acquire(folder, new GridShard(1, 2))).Message);
    }
}
