using Winnow.Experiments;
using Winnow.Tests.Support;

namespace Winnow.Tests.Experiments;

[Collection(TorchGlobalRandomCollection.Name)]
public class GridRunnerTests
{
    [Fact]
    public void AGridInterruptedAfterTwoRunsAndRerunGivesTheSameResultsAsOneUninterruptedRun()
    {
        using var tiny = new GridTestSupport.TinyData();
        var data = tiny.Path;
        var grid = GridFile.Parse("tiny.json", GridTestSupport.Grid(data, GridTestSupport.FourArms));
        var whole = Path.Combine(data, "whole");
        var summary = GridRunner.Run(grid, whole);
        Assert.Equal((8, 0, 8), (summary.Runs, summary.AlreadyFinished, summary.Finished));
        Assert.Equal((2, 0, 2, 2, 4, 4), (summary.DataPreparations, summary.TeachersTrained, summary.TeachersFromFullArm, summary.DistilledRuns, summary.Scorings, summary.StaticRuns));

        var resumed = Path.Combine(data, "resumed");
        using (var cancel = new CancellationTokenSource())
        {
            var listener = new GridTestSupport.Listener(p =>
            {
                if (p.Kind == GridProgressKind.RunFinished && p.Number == 2) cancel.Cancel();
            });
            Assert.ThrowsAny<OperationCanceledException>(() => GridRunner.Run(grid, resumed, progress: listener, cancellation: cancel.Token));
        }
        Assert.Equal(2, File.ReadAllLines(ResultStore.PathIn(resumed)).Length);
        var rest = GridRunner.Run(grid, resumed);
        Assert.Equal((2, 6), (rest.AlreadyFinished, rest.Finished));
        Assert.Equal((0, 1), (rest.TeachersTrained, rest.TeachersFromFullArm)); // seed 1's teacher came from disk, seed 2's from its full run

        Assert.Equal(GridTestSupport.WithoutTimings(whole), GridTestSupport.WithoutTimings(resumed));
        Assert.Equal(0, GridRunner.Run(grid, resumed).Finished);
        Assert.Equal(8, GridReport.Load(resumed).Rows.Count);
    }

    [Fact]
    public void BalancedAndUnbalancedArmsOfOneMethodScoreOnceAndSelectAsTheyWouldAlone()
    {
        using var tiny = new GridTestSupport.TinyData(trainCount: 120, testCount: 30);
        const string Balanced = """{"method": "el2n", "scoring": {"balance": true}, "label": "el2n balanced"}""";
        const string Unbalanced = """{"method": "el2n", "scoring": {"balance": false}, "label": "el2n"}""";
        var both = Path.Combine(tiny.Path, "both");
        var summary = GridRunner.Run(GridFile.Parse("tiny.json", GridTestSupport.Grid(tiny.Path, $"[{Balanced}, {Unbalanced}]", seeds: "[1]", epochs: 2)), both);
        Assert.Equal((1, 2), (summary.Scorings, summary.StaticRuns));

        var together = GridTestSupport.WithoutTimings(both);
        Assert.NotEqual(together[0], together[1]);
        foreach (var (arm, row) in new[] { (Balanced, together[0]), (Unbalanced, together[1]) })
        {
            var alone = Path.Combine(tiny.Path, $"alone-{arm.GetHashCode():x}");
            GridRunner.Run(GridFile.Parse("tiny.json", GridTestSupport.Grid(tiny.Path, $"[{arm}]", seeds: "[1]", epochs: 2)), alone);
            Assert.Equal(row, Assert.Single(GridTestSupport.WithoutTimings(alone)));
        }
    }

    [Fact]
    public void AChangedArmIsRerunWhileUnchangedRunsAreReused()
    {
        using var tiny = new GridTestSupport.TinyData(trainCount: 120, testCount: 30);
        var data = tiny.Path;
        var directory = Path.Combine(data, "out");
        const string Arms = """["full", {"method": "el2n"}, {"method": "random"}]""";
        var before = GridFile.Parse("tiny.json", GridTestSupport.Grid(data, Arms, seeds: "[1]", epochs: 2));
        Assert.Equal(3, GridRunner.Run(before, directory).Finished);
        var oldEl2n = ResultStore.Read(directory).Single(r => r.Arm == "el2n").Hash;

        var after = GridFile.Parse("tiny.json", GridTestSupport.Grid(data, Arms.Replace("""{"method": "el2n"}""", """{"method": "el2n", "scoring": {"score_epochs": 2}}"""), seeds: "[1]", epochs: 2));
        var refused = Assert.Throws<WinnowException>(() => GridRunner.Run(after, directory));
        Assert.Contains("holds results of another grid", refused.Message);

        var summary = GridRunner.Run(after, directory, update: true);
        Assert.Equal((2, 1), (summary.AlreadyFinished, summary.Finished));
        var rows = ResultStore.Read(directory);
        Assert.Equal(4, rows.Count);
        var newEl2n = rows[^1];
        Assert.Equal("el2n", newEl2n.Arm);
        Assert.NotEqual(oldEl2n, newEl2n.Hash);
        Assert.Equal(2, newEl2n.Config["pruning"]!["scoring"]!["score_epochs"]!.GetValue<int>());
        var report = GridReport.Load(directory);
        Assert.Equal(3, report.Rows.Count);
        Assert.DoesNotContain(report.Rows, r => r.Hash == oldEl2n);
    }

    [Fact]
    public void AFailedRunIsRecordedWhileTheGridGoesOnAndARerunSkipsItUnlessAskedToRetry()
    {
        using var tiny = new GridTestSupport.TinyData(trainCount: 120, testCount: 30);
        var directory = Path.Combine(tiny.Path, "out");
        // f 0.05 of 120 keeps 6 samples: DivideMix refuses fewer than 10, plain cross-entropy trains on them.
        const string Arms = """["full", {"method": "random", "learner": "dividemix", "dividemix_warmup": 1}, {"method": "random"}]""";
        var grid = GridFile.Parse("tiny.json", GridTestSupport.Grid(tiny.Path, Arms, seeds: "[1]", fractions: "[0.05]", epochs: 2));

        var first = GridRunner.Run(grid, directory);
        Assert.Equal((2, 1), (first.Finished, first.Failed));
        Assert.Contains("1 run failed", first.Describe());
        var failure = Assert.Single(FailureStore.Read(directory));
        Assert.Contains("dividemix", failure.Arm);
        Assert.Contains("DivideMix needs at least 10 training samples", failure.Error);
        Assert.Equal("dividemix", failure.Config["learner"]!["learner"]!.GetValue<string>());
        Assert.DoesNotContain(ResultStore.Read(directory), r => r.Hash == failure.Hash);
        Assert.Equal(2, ResultStore.Read(directory).Count);

        var rerun = GridRunner.Run(grid, directory);
        Assert.Equal((3, 0, 0), (rerun.AlreadyFinished, rerun.Finished, rerun.Failed));

        var retried = GridRunner.Run(grid, directory, retryFailed: true);
        Assert.Equal((2, 0, 1), (retried.AlreadyFinished, retried.Finished, retried.Failed));
        Assert.Equal(2, FailureStore.Read(directory).Count);

        var report = GridReport.Load(directory);
        var listed = Assert.Single(report.Failures);
        Assert.Equal((failure.Hash, failure.Error), (listed.Run.Hash, listed.Error));
        var markdown = File.ReadAllText(report.Write(directory));
        Assert.Contains("2 of 3 runs finished, 1 failed", markdown);
        Assert.Contains($"| symmetric:0.3 | {failure.Arm} | failed |", markdown);
        Assert.Contains("## Failed runs", markdown);
        Assert.Contains($"| 0.05 | 1 | {failure.Error} |", markdown);
    }

    [Fact]
    public void ASecondRunnerIsKeptOutWhileTheLockIsHeld()
    {
        using var tiny = new GridTestSupport.TinyData(trainCount: 30, testCount: 6);
        var grid = GridFile.Parse("tiny.json", GridTestSupport.Grid(tiny.Path, """["full"]"""));
        var directory = Path.Combine(tiny.Path, "out");
        using (GridLock.Acquire(directory))
        {
            var error = Assert.Throws<WinnowException>(() => GridRunner.Run(grid, directory));
            Assert.Contains("in use by another winnow bench", error.Message);
            Assert.Throws<WinnowException>(() => GridLock.Acquire(directory));
        }
        using (GridLock.Acquire(directory)) { }
    }

    [Fact]
    public void AFolderOfAnotherGridIsRefusedBeforeAnyWork()
    {
        using var tiny = new GridTestSupport.TinyData(trainCount: 30, testCount: 6);
        var directory = Directory.CreateDirectory(Path.Combine(tiny.Path, "out")).FullName;
        var first = GridFile.Parse("first.json", GridTestSupport.Grid(tiny.Path, """["full"]"""));
        GridManifest.From(first, GridExpansion.Expand(first)).Claim(directory, update: false);
        var second = GridFile.Parse("second.json", GridTestSupport.Grid(tiny.Path, """["full"]""", seeds: "[3]"));
        var error = Assert.Throws<WinnowException>(() => GridRunner.Run(second, directory));
        Assert.Contains("holds results of another grid ('tiny', 2 runs, from first.json)", error.Message);
        Assert.False(File.Exists(ResultStore.PathIn(directory)));

        var notAGrid = Directory.CreateDirectory(Path.Combine(tiny.Path, "train-output")).FullName;
        File.WriteAllText(Path.Combine(notAGrid, "metrics.json"), "{}");
        var refused = Assert.Throws<WinnowException>(() => GridRunner.Run(second, notAGrid));
        Assert.Equal($"{notAGrid} holds files but no grid.json: it is not the output of a grid; use another output folder", refused.Message);
    }
}
